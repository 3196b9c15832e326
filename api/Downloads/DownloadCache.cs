using System.Collections.Concurrent;
using System.IO.Compression;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Makes each whole-file download once, into <see cref="DownloadFolder"/>, and serves it from there after: Parquet by
/// DuckDB's COPY; CSV by DuckDB's COPY too, in the bytes of the SQL endpoint's CSV writer, unless a column's type is
/// one COPY cannot write that way (then by the row writer); JSON and NDJSON by the SQL endpoint's row writers. Each is
/// streamed to disk with bounded memory; a gzip copy of a text format is made from the file when first asked for.
/// Requests for a file being made wait for it, or read it as it grows (<see cref="StartAsync"/>), rather than making
/// it again; the making runs to its end even if they all go away, since the next one needs it.
/// </summary>
public sealed class DownloadCache
{
    private readonly ConcurrentDictionary<string, Lazy<DownloadMaking>> _making = new(StringComparer.Ordinal);
    private readonly QueryEngine _engine;
    private readonly CancellationToken _stopping;

    public DownloadCache(QueryEngine engine, OpenDataOptions options, IHostApplicationLifetime lifetime)
    {
        _engine = engine;
        _stopping = lifetime.ApplicationStopping;
        Folder = new DownloadFolder(options.DataDirectory);
        Folder.RemoveUnfinished();
    }

    public DownloadFolder Folder { get; }

    /// <summary>The path of the target's file (its gzip copy when <paramref name="gzip"/>), made first if need be.</summary>
    /// <param name="audience">The caller's: the file is made in its sandbox, whose views show the target's tier.</param>
    /// <exception cref="OpenData.DuckDB.DuckDBException">The version's view is gone (<c>Catalog</c>: expired meanwhile, or no copy in this tier).</exception>
    public async Task<string> GetAsync(DownloadTarget target, QueryAudience audience, bool gzip, CancellationToken cancellationToken)
    {
        var path = Folder.PathOf(target);
        await MakeOnceAsync(path, (unfinished, making) => WriteAsync(target, audience, unfinished, making), cancellationToken);
        if (!gzip)
        {
            return path;
        }
        await MakeOnceAsync(path + ".gz", (unfinished, _) => CompressAsync(path, unfinished), cancellationToken);
        return path + ".gz";
    }

    /// <summary>
    /// The making of the target's file, started now or joined, to be read while it grows; null when the file is made
    /// already. Whatever writes it only appends, so the bytes read as it grows are those of the finished file.
    /// </summary>
    public DownloadMaking? Start(DownloadTarget target, QueryAudience audience)
    {
        var path = Folder.PathOf(target);
        return File.Exists(path) ? null : Making(path, (unfinished, making) => WriteAsync(target, audience, unfinished, making));
    }

    private async Task MakeOnceAsync(string path, Func<string, DownloadMaking, Task> write, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await Making(path, write).Done.WaitAsync(cancellationToken);
        }
    }

    private DownloadMaking Making(string path, Func<string, DownloadMaking, Task> write) =>
        _making.GetOrAdd(path, _ => new Lazy<DownloadMaking>(() =>
        {
            var making = new DownloadMaking(path);
            // On a thread of its own: DuckDB's calls complete synchronously, and readers must not wait for the end.
            making.Done = Task.Run(() => MakeAsync(path, making, write));
            return making;
        })).Value;

    /// <summary>Writes under an unfinished name and renames, so a reader sees the whole file or none.</summary>
    private async Task MakeAsync(string path, DownloadMaking making, Func<string, DownloadMaking, Task> write)
    {
        try
        {
            // Another request may have made it between its check and this one's turn.
            if (File.Exists(path))
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var unfinished = DownloadFolder.UnfinishedPathOf(path);
            try
            {
                await write(unfinished, making);
                File.Move(unfinished, path, overwrite: true);
            }
            finally
            {
                File.Delete(unfinished);
            }
        }
        finally
        {
            // Only this task's entry can be here: another is added only once this one is gone.
            _making.TryRemove(path, out _);
        }
    }

    private async Task WriteAsync(DownloadTarget target, QueryAudience audience, string path, DownloadMaking making)
    {
        using var session = await _engine.OpenSessionAsync(audience, _stopping);
        var query = session.Check($"SELECT * FROM {target.ViewSql}");
        if (target.Format == SqlFormat.Parquet)
        {
            using var export = await session.ExportParquetAsync(query, maxRows: null, _stopping);
            File.Move(export.Path, path);
            return;
        }
        if (target.Format == SqlFormat.Csv)
        {
            // DuckDB's COPY, on all the sandbox's threads, in the row writer's bytes; the row writer when a column's
            // type is not one COPY writes that way. File.Move copies when the export folder is on another file system.
            using var export = await session.ExportCsvAsync(query, making.WritingTo, _stopping);
            if (export is not null)
            {
                File.Move(export.Path, path);
                return;
            }
        }
        await using var reader = await session.ExecuteReaderAsync(query, _stopping);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
        making.WritingTo(path);
        await SqlRowWriter.For(target.Format).WriteAsync(file, reader, _stopping);
    }

    private async Task CompressAsync(string source, string path)
    {
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        await input.CopyToAsync(gzip, _stopping);
    }
}
