using System.Collections.Concurrent;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// Steps 1–3 of the commit protocol for one tier: COPY rows to zstd Parquet under <c>staging/&lt;guid&gt;/</c>,
/// flush them to disk, then move the whole folder into the lake with one rename. The files are not part of
/// any version until the catalog records them.
/// </summary>
/// <param name="targetFileRows">Rows per file, rounded up to whole row groups; null writes one file (per partition).
/// Ignored for partitioned datasets: DuckDB cannot split the files of a partitioned COPY.</param>
internal sealed class SnapshotFolderWriter(LakeLayout layout, LakeOptions options, long? targetFileRows = null)
{
    /// <summary>Dataset folders whose parents this process has flushed: their entries are on disk.</summary>
    private readonly ConcurrentDictionary<string, bool> _durableFolders = new(StringComparer.Ordinal);

    public async Task<SnapshotFolder> WriteAsync(
        DuckDBConnection connection,
        string tier,
        Dataset dataset,
        string rowsSql,
        IReadOnlyList<string> sortColumns,
        IReadOnlyList<string> partitionColumns,
        CancellationToken cancellationToken)
    {
        var snapshot = Guid.NewGuid().ToString("N");
        var staging = Path.Combine(layout.StagingFolder, snapshot);
        Directory.CreateDirectory(staging);
        try
        {
            await LakeSql.ExecuteAsync(connection, CopySql(staging, rowsSql, sortColumns, partitionColumns), cancellationToken);
            var sealedFiles = await DurableFiles.SealFolderAsync(staging, cancellationToken);

            var datasetFolder = layout.DatasetFolder(tier, dataset.Department, dataset.Slug);
            var destination = Path.Combine(datasetFolder, snapshot);
            MoveIntoLake(staging, datasetFolder, destination);

            var prefix = $"{tier}/{dataset.Department}/{dataset.Slug}/{snapshot}/";
            return new SnapshotFolder(
                destination,
                sealedFiles.Select(f => new VersionFile(prefix + f.RelativePath, f.Size, f.Sha256)).ToList());
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>Removes a folder this commit wrote and no version references; the janitor retries what fails here.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string CopySql(
        string staging, string rowsSql, IReadOnlyList<string> sortColumns, IReadOnlyList<string> partitionColumns)
    {
        var rowGroupSize = Math.Min(options.RowGroupSize, targetFileRows ?? long.MaxValue);
        var copyOptions = $"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {LakeSql.Int(rowGroupSize)}";
        string target;
        if (partitionColumns.Count == 0 && targetFileRows is { } rows)
        {
            // An ordered COPY fills the files one after the other, so each file holds one stretch of the sort order.
            target = staging;
            copyOptions += $", ROW_GROUPS_PER_FILE {LakeSql.Int((rows + rowGroupSize - 1) / rowGroupSize)}, FILENAME_PATTERN 'part-{{i}}'";
        }
        else if (partitionColumns.Count == 0)
        {
            target = Path.Combine(staging, "part-0.parquet");
        }
        else
        {
            target = staging;
            // Partition values stay inside the files too, so each file is readable alone with its exact types.
            copyOptions += $", PARTITION_BY ({LakeSql.Identifiers(partitionColumns)}), WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'part-{{i}}'";
        }
        return $"COPY (SELECT * FROM ({rowsSql}) AS lake_rows{LakeSql.OrderBy(sortColumns)}) TO {LakeSql.Literal(target)} ({copyOptions});";
    }

    private void MoveIntoLake(string staging, string datasetFolder, string destination)
    {
        var created = !Directory.Exists(datasetFolder);
        Directory.CreateDirectory(datasetFolder);
        try
        {
            Directory.Move(staging, destination);
        }
        catch (DirectoryNotFoundException)
        {
            // The janitor may have removed the dataset folder while it was empty; make it again once.
            created = true;
            Directory.CreateDirectory(datasetFolder);
            Directory.Move(staging, destination);
        }

        // The new entry must survive a power cut before the catalog points at it, and so must the folders on the way.
        // Those are flushed once per process (each fsync costs about 10 ms), and again whenever the dataset's folder
        // had to be made, since the folders above it may have been made with it.
        DurableFiles.SyncDirectory(datasetFolder);
        if (created || !_durableFolders.ContainsKey(datasetFolder))
        {
            for (var folder = Path.GetDirectoryName(datasetFolder)!; folder.Length >= layout.LakeFolder.Length; folder = Path.GetDirectoryName(folder)!)
            {
                DurableFiles.SyncDirectory(folder);
            }
            _durableFolders[datasetFolder] = true;
        }
    }
}
