using System.Collections.Concurrent;
using System.IO.Compression;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Makes each whole-file download once, into <see cref="DownloadFolder"/>, and serves it from there after: Parquet by
/// DuckDB's COPY; CSV by DuckDB's COPY too, in the bytes of the SQL endpoint's CSV writer, unless a column's type is
/// one COPY cannot write that way (then by the row writer); JSON and NDJSON by the SQL endpoint's row writers. Each is
/// streamed to disk with bounded memory; a gzip copy of a text format is made from the file when first asked for.
/// Requests for a file being made wait for it rather than making it again; the making runs to its end even if they
/// all go away, since the next one needs it.
/// </summary>
public sealed class DownloadCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _making = new(StringComparer.Ordinal);
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
        await MakeOnceAsync(path, unfinished => WriteAsync(target, audience, unfinished), cancellationToken);
        if (!gzip)
        {
            return path;
        }
        await MakeOnceAsync(path + ".gz", unfinished => CompressAsync(path, unfinished), cancellationToken);
        return path + ".gz";
    }

    private async Task MakeOnceAsync(string path, Func<string, Task> write, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return;
        }
        var making = _making.GetOrAdd(path, _ => new Lazy<Task>(() => MakeAsync(path, write)));
        await making.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Writes under an unfinished name and renames, so a reader sees the whole file or none.</summary>
    private async Task MakeAsync(string path, Func<string, Task> write)
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
                await write(unfinished);
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

    private async Task WriteAsync(DownloadTarget target, QueryAudience audience, string path)
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
            using var export = await session.ExportCsvAsync(query, _stopping);
            if (export is not null)
            {
                File.Move(export.Path, path);
                return;
            }
        }
        await using var reader = await session.ExecuteReaderAsync(query, _stopping);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
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
