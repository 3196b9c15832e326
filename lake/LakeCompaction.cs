using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// Rewrites a dataset's current snapshot (typically many small files from streamed appends) into few large files
/// sorted by its sort columns, with their public projection, and commits them with the lake's protocol as a replace
/// version holding exactly the same rows. It records no stream offsets, so the dataset's positions in its topics
/// stay where the appends left them. Safe to share between threads, each with its own DuckDB connection.
/// </summary>
/// <remarks>
/// A plain replace through <see cref="LakeWriter"/> would be wrong here: on a version conflict it keeps its rows and
/// drops whatever landed first. Instead, the version committed is the rewritten files plus every file added since
/// the version that was read, which is only right while every commit in between was an append (it kept all the
/// files read); otherwise, or when the dataset's layout or privacy changed, the run gives up and the next one starts
/// from the new version. Either way no row is lost or repeated.
/// </remarks>
public sealed class LakeCompaction
{
    private readonly ICatalogStore _catalog;
    private readonly LakeOptions _options;

    public LakeCompaction(ICatalogStore catalog, LakeOptions options)
    {
        _catalog = catalog;
        _options = options;
        Layout = new LakeLayout(options.DataDirectory);
    }

    public LakeLayout Layout { get; }

    /// <summary>For tests: runs after the files are in the lake, just before each catalog transaction.</summary>
    internal Func<CancellationToken, Task>? BeforeCatalogCommit { get; set; }

    /// <summary>Compacts the dataset's current version when it has at least <see cref="CompactionRequest.MinFiles"/>
    /// internal files and the rewrite would leave fewer.</summary>
    /// <exception cref="LakeException">The dataset does not exist, or the rewritten files do not hold every row.</exception>
    public async Task<CompactionResult> CompactAsync(
        DuckDBConnection connection, CompactionRequest request, CancellationToken cancellationToken = default)
    {
        var dataset = await GetDatasetAsync(request, cancellationToken);
        var read = dataset.CurrentVersion is { } number
            ? await _catalog.GetVersionAsync(request.Department, request.Dataset, number, cancellationToken)
            : null;
        if (read is null)
        {
            return new CompactionResult(CompactionOutcome.NotNeeded, "The dataset has no version yet.", 0, 0, 0, null);
        }
        var readInternal = InTier(read.Files, LakeLayout.InternalTier);
        var planned = PlannedFiles(dataset, read, readInternal, request.TargetFileRows);
        if (readInternal.Count < request.MinFiles || readInternal.Count <= planned)
        {
            return new CompactionResult(
                CompactionOutcome.NotNeeded,
                $"Version {read.Number} has {readInternal.Count} file(s); compaction would leave {planned} and runs from {request.MinFiles}.",
                readInternal.Count, readInternal.Count, read.RowCount, null);
        }

        var folders = new SnapshotFolderWriter(Layout, _options, request.TargetFileRows);
        var written = new List<SnapshotFolder>();
        var committing = false;
        try
        {
            var compacted = await folders.WriteAsync(
                connection, LakeLayout.InternalTier, dataset, "SELECT * FROM " + LakeSql.ReadParquet(readInternal.Select(FullPath)),
                dataset.SortColumns, dataset.PartitionColumns, cancellationToken);
            written.Add(compacted);
            IReadOnlyList<VersionFile> projected = [];
            if (dataset.Access == AccessLevel.Public && compacted.Files.Count > 0)
            {
                var projection = await new PublicProjection(Layout, folders).WriteAsync(connection, dataset, compacted.Files, cancellationToken);
                written.Add(projection);
                projected = projection.Files;
            }

            for (var attempt = 1; ; attempt++)
            {
                var current = await GetDatasetAsync(request, cancellationToken);
                var latest = current.CurrentVersion == read.Number
                    ? read
                    : await _catalog.GetVersionAsync(request.Department, request.Dataset, current.CurrentVersion!.Value, cancellationToken);
                if (latest is null || !OnlyAppendedSince(read, latest, dataset) || !SameLayoutAndPrivacy(dataset, current))
                {
                    DeleteAll(written);
                    return new CompactionResult(
                        CompactionOutcome.Superseded,
                        $"Version {current.CurrentVersion} replaced or reshaped the rows of version {read.Number} while they were rewritten; the next run starts from it.",
                        readInternal.Count, readInternal.Count, read.RowCount, null);
                }

                var commit = await BuildAsync(connection, request, latest, read, compacted.Files, projected, cancellationToken);
                committing = true;
                if (BeforeCatalogCommit is { } hook)
                {
                    await hook(cancellationToken);
                }
                try
                {
                    var version = await _catalog.CommitVersionAsync(commit, latest.Number, cancellationToken);
                    var filesAfter = InTier(version.Files, LakeLayout.InternalTier).Count;
                    var appended = latest.Number - read.Number;
                    return new CompactionResult(
                        CompactionOutcome.Compacted,
                        $"Version {version.Number}: the {readInternal.Count} files of version {read.Number} rewritten as {compacted.Files.Count}"
                            + (appended > 0 ? $", with the files of {appended} append(s) that landed meanwhile." : "."),
                        readInternal.Count, filesAfter, version.RowCount, version);
                }
                catch (CatalogException e) when (e.Kind == CatalogErrorKind.VersionConflict)
                {
                    // Nothing was written to the catalog: look again at what came first.
                    committing = false;
                    if (attempt >= _options.MaxCommitAttempts)
                    {
                        DeleteAll(written);
                        return new CompactionResult(
                            CompactionOutcome.Superseded,
                            $"New versions came first at each of {attempt} attempts to commit ({e.Message}); the next run tries again.",
                            readInternal.Count, readInternal.Count, read.RowCount, null);
                    }
                }
            }
        }
        catch (Exception e) when (!committing || e is CatalogException)
        {
            // Before the catalog call, or refused by it: no version references these files. Anything else thrown
            // while committing may have committed after all, so its files are left to the janitor.
            DeleteAll(written);
            throw;
        }
    }

    /// <summary>
    /// The rewritten files in place of those of <paramref name="read"/>, and the files of the appends since. The rows are
    /// those of <paramref name="latest"/>, so are its schema and its source (a re-upload of the same file stays a no-op);
    /// the statistics are counted again over the new files, exact where appends had approximated distinct counts. No
    /// stream offsets: the dataset's positions stay as they are.
    /// </summary>
    private async Task<VersionCommit> BuildAsync(
        DuckDBConnection connection, CompactionRequest request, DatasetVersion latest, DatasetVersion read,
        IReadOnlyList<VersionFile> compacted, IReadOnlyList<VersionFile> projected, CancellationToken cancellationToken)
    {
        var readPaths = read.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var added = latest.Files.Where(f => !readPaths.Contains(f.Path)).ToList();
        List<VersionFile> internalFiles = [.. compacted, .. InTier(added, LakeLayout.InternalTier)];
        var summary = await SnapshotStatistics.ComputeAsync(connection, internalFiles.Select(FullPath).ToList(), cancellationToken);
        if (summary.RowCount != latest.RowCount)
        {
            throw new LakeException(
                $"Compacting '{request.Department}/{request.Dataset}' would leave {summary.RowCount} rows of the {latest.RowCount} of version {latest.Number}; nothing was committed.");
        }
        List<VersionFile> files = [.. internalFiles, .. projected, .. InTier(added, LakeLayout.PublicTier)];
        return new VersionCommit
        {
            Department = request.Department,
            Dataset = request.Dataset,
            CreatedBy = request.CreatedBy,
            Mode = CommitMode.Replace,
            RowCount = latest.RowCount,
            Bytes = files.Sum(f => f.Size),
            Files = files,
            Schema = latest.Schema,
            Statistics = summary.Statistics,
            Source = latest.Source,
        };
    }

    /// <summary>
    /// True when every commit from <paramref name="read"/> to <paramref name="latest"/> kept all the files read: only
    /// appends, whose added files then hold exactly the rows added. A public dataset whose version read had no public
    /// files yet gets them all from the next append, which would repeat the rows rewritten here: that too gives up.
    /// </summary>
    private static bool OnlyAppendedSince(DatasetVersion read, DatasetVersion latest, Dataset dataset)
    {
        if (latest.Number == read.Number)
        {
            return true;
        }
        var latestPaths = latest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var publicComplete = dataset.Access != AccessLevel.Public || InTier(read.Files, LakeLayout.PublicTier).Count > 0;
        return publicComplete && read.Files.All(f => latestPaths.Contains(f.Path));
    }

    /// <summary>The files were written for these sort, partition and personal columns and this access level.</summary>
    private static bool SameLayoutAndPrivacy(Dataset before, Dataset now) =>
        before.Access == now.Access
        && before.SortColumns.SequenceEqual(now.SortColumns, StringComparer.Ordinal)
        && before.PartitionColumns.SequenceEqual(now.PartitionColumns, StringComparer.Ordinal)
        && before.PersonalColumns.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(now.PersonalColumns);

    /// <summary>
    /// How many internal files a rewrite would leave: one per partition folder (<c>district=Xuhui/</c>) of a
    /// partitioned dataset, else one per <paramref name="targetFileRows"/> rows.
    /// </summary>
    private static int PlannedFiles(Dataset dataset, DatasetVersion version, IReadOnlyList<VersionFile> internalFiles, long targetFileRows)
    {
        if (dataset.PartitionColumns.Count > 0)
        {
            // Catalog paths are internal/<department>/<dataset>/<snapshot>/<partition folders…>/<file>.
            return internalFiles.Select(f => string.Join('/', f.Path.Split('/')[4..^1])).Distinct(StringComparer.Ordinal).Count();
        }
        return (int)Math.Max(1, (version.RowCount + targetFileRows - 1) / targetFileRows);
    }

    private static List<VersionFile> InTier(IEnumerable<VersionFile> files, string tier) =>
        files.Where(f => LakeLayout.IsInTier(f.Path, tier)).ToList();

    private string FullPath(VersionFile file) => Layout.ToFullPath(file.Path);

    private static void DeleteAll(List<SnapshotFolder> written)
    {
        foreach (var folder in written)
        {
            SnapshotFolderWriter.TryDelete(folder.FullPath);
        }
        written.Clear();
    }

    private async Task<Dataset> GetDatasetAsync(CompactionRequest request, CancellationToken cancellationToken) =>
        await _catalog.GetDatasetAsync(request.Department, request.Dataset, cancellationToken)
        ?? throw new LakeException($"Dataset '{request.Department}/{request.Dataset}' does not exist.");
}
