using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// Commits new versions of datasets with the protocol of ARCHITECTURE.md: Parquet files written to staging,
/// flushed, moved into the lake, then recorded by one catalog transaction. Until that transaction the new
/// files are invisible, so a crash at any point leaves the old version or the new one, never a mix; what it
/// leaves behind is removed by <see cref="LakeJanitor"/>. Safe to share between threads, each with its own
/// DuckDB connection.
/// </summary>
public sealed class LakeWriter
{
    private readonly ICatalogStore _catalog;
    private readonly LakeOptions _options;
    private readonly SnapshotFolderWriter _folders;
    private readonly PublicProjection _projection;

    public LakeWriter(ICatalogStore catalog, LakeOptions options)
    {
        _catalog = catalog;
        _options = options;
        Layout = new LakeLayout(options.DataDirectory);
        _folders = new SnapshotFolderWriter(Layout, options);
        _projection = new PublicProjection(Layout, _folders);
    }

    public LakeLayout Layout { get; }

    /// <summary>For tests: runs after the files are in the lake, just before the catalog transaction.</summary>
    internal Func<CancellationToken, Task>? BeforeCatalogCommit { get; set; }

    /// <summary>
    /// Runs <see cref="LakeCommitRequest.SourceSql"/> on <paramref name="connection"/> and commits its rows as the
    /// dataset's next version. When another commit to the same dataset lands first, the version is rebuilt on
    /// the new current one, up to <see cref="LakeOptions.MaxCommitAttempts"/> times.
    /// </summary>
    /// <exception cref="LakeException">The dataset does not exist, the source is not one SELECT, a sort,
    /// partition or key column is missing, upsert keys are null or repeated, or every attempt met a newer version.</exception>
    public async Task<DatasetVersion> CommitAsync(
        DuckDBConnection connection, LakeCommitRequest request, CancellationToken cancellationToken = default)
    {
        if (connection.GetStatementTypes(request.SourceSql) is not [DuckDBStatementType.Select])
        {
            throw new LakeException("The source of a commit must be exactly one SELECT statement.");
        }
        var dataset = await GetDatasetAsync(request, cancellationToken);
        var columns = await LakeSql.DescribeAsync(connection, request.SourceSql, cancellationToken);
        SourceChecks.CheckColumns(dataset, request.Mode, columns.Select(c => c.Name).ToList());

        if (request.Mode != CommitMode.Upsert)
        {
            return await CommitWithRetriesAsync(connection, request, request.SourceSql, cancellationToken);
        }

        // An upsert reads the new rows twice per attempt (anti-join and union): run the source once into a table.
        var table = "lake_source_" + Guid.NewGuid().ToString("N");
        await LakeSql.ExecuteAsync(connection, $"CREATE TEMP TABLE {table} AS {request.SourceSql};", cancellationToken);
        try
        {
            await SourceChecks.CheckKeysAsync(connection, table, dataset.PrimaryKey, cancellationToken);
            return await CommitWithRetriesAsync(connection, request, $"SELECT * FROM {table}", cancellationToken);
        }
        finally
        {
            await LakeSql.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table};", CancellationToken.None);
        }
    }

    private async Task<DatasetVersion> CommitWithRetriesAsync(
        DuckDBConnection connection, LakeCommitRequest request, string source, CancellationToken cancellationToken)
    {
        var attempt = new CommitAttempt(connection, request, source);
        var committing = false;
        try
        {
            for (var number = 1; ; number++)
            {
                var dataset = await GetDatasetAsync(request, cancellationToken);
                var previous = dataset.CurrentVersion is { } current
                    ? await _catalog.GetVersionAsync(request.Department, request.Dataset, current, cancellationToken)
                    : null;
                if (dataset.CurrentVersion is null || previous is not null)
                {
                    var commit = await BuildAsync(attempt, dataset, previous, cancellationToken);
                    try
                    {
                        committing = true;
                        if (BeforeCatalogCommit is { } hook)
                        {
                            await hook(cancellationToken);
                        }
                        var version = await _catalog.CommitVersionAsync(commit, dataset.CurrentVersion, cancellationToken);
                        attempt.DeleteWrittenExcept(version.Files, keepReusable: false);
                        return version;
                    }
                    catch (CatalogException e) when (e.Kind == CatalogErrorKind.VersionConflict)
                    {
                        // Nothing was written to the catalog: rebuild on the version that came first.
                        committing = false;
                        attempt.DeleteWrittenExcept([], keepReusable: true);
                        if (number >= _options.MaxCommitAttempts)
                        {
                            throw new LakeException(
                                $"Dataset '{request.Department}/{request.Dataset}' changed under {number} attempts to commit; try again later.", e);
                        }
                    }
                }
                else if (number >= _options.MaxCommitAttempts)
                {
                    throw new LakeException($"Dataset '{request.Department}/{request.Dataset}' kept changing while its version was read.");
                }
            }
        }
        catch (Exception e) when (!committing || e is CatalogException)
        {
            // Before the catalog call, or refused by it: no version can reference these files. Anything else
            // thrown while committing may have committed after all, so its files are left to the janitor.
            attempt.DeleteWrittenExcept([], keepReusable: false);
            throw;
        }
    }

    /// <summary>Writes what this attempt needs and returns the whole snapshot to record.</summary>
    private async Task<VersionCommit> BuildAsync(
        CommitAttempt attempt, Dataset dataset, DatasetVersion? previous, CancellationToken cancellationToken)
    {
        var connection = attempt.Connection;
        var mode = attempt.Request.Mode;
        var previousInternal = previous?.Files.Where(f => LakeLayout.IsInTier(f.Path, LakeLayout.InternalTier)).ToList() ?? [];
        var previousPublic = previous?.Files.Where(f => LakeLayout.IsInTier(f.Path, LakeLayout.PublicTier)).ToList() ?? [];

        IReadOnlyList<VersionFile> internalFiles;
        if (mode == CommitMode.Upsert)
        {
            var rows = SourceChecks.UpsertRowsSql(attempt.Source, dataset.PrimaryKey, previousInternal.Select(f => Layout.ToFullPath(f.Path)).ToList());
            internalFiles = attempt.Track(await WriteInternalAsync(connection, dataset, rows, cancellationToken), reusable: false).Files;
        }
        else
        {
            // Replace and append write the new rows once, whatever the current version is on each attempt.
            attempt.NewRows ??= attempt.Track(
                await WriteInternalAsync(connection, dataset, $"SELECT * FROM ({attempt.Source}) AS lake_source", cancellationToken),
                reusable: true);
            internalFiles = mode == CommitMode.Append ? [.. previousInternal, .. attempt.NewRows.Files] : attempt.NewRows.Files;
        }

        IReadOnlyList<VersionFile> publicFiles = [];
        if (dataset.Access == AccessLevel.Public && internalFiles.Count > 0)
        {
            if (mode == CommitMode.Upsert)
            {
                publicFiles = attempt.Track(await _projection.WriteAsync(connection, dataset, internalFiles, cancellationToken), reusable: false).Files;
            }
            else if (mode == CommitMode.Replace
                || await _projection.CanReuseAsync(connection, dataset, previousInternal, previousPublic, cancellationToken))
            {
                attempt.NewPublicRows ??= attempt.Track(
                    await _projection.WriteAsync(connection, dataset, attempt.NewRows!.Files, cancellationToken), reusable: true);
                publicFiles = mode == CommitMode.Append ? [.. previousPublic, .. attempt.NewPublicRows.Files] : attempt.NewPublicRows.Files;
            }
            else
            {
                // The earlier public files are missing or hold a column now marked personal: project everything again.
                publicFiles = attempt.Track(await _projection.WriteAsync(connection, dataset, internalFiles, cancellationToken), reusable: false).Files;
            }
        }

        var allPaths = internalFiles.Select(f => Layout.ToFullPath(f.Path)).ToList();
        var summary = mode == CommitMode.Append && previous is not null
            ? await AppendStatistics.ComputeAsync(
                connection, previous, attempt.NewRows!.Files.Select(f => Layout.ToFullPath(f.Path)).ToList(), allPaths, cancellationToken)
            : await SnapshotStatistics.ComputeAsync(connection, allPaths, cancellationToken);
        List<VersionFile> files = [.. internalFiles, .. publicFiles];
        return new VersionCommit
        {
            Department = dataset.Department,
            Dataset = dataset.Slug,
            CreatedBy = attempt.Request.CreatedBy,
            Mode = mode,
            RowCount = summary.RowCount,
            Bytes = files.Sum(f => f.Size),
            Files = files,
            Schema = summary.Schema,
            Statistics = summary.Statistics,
            Source = attempt.Request.Source,
            StreamOffsets = attempt.Request.StreamOffsets,
            Derivation = attempt.Request.Derivation,
        };
    }

    private Task<SnapshotFolder> WriteInternalAsync(
        DuckDBConnection connection, Dataset dataset, string rowsSql, CancellationToken cancellationToken) =>
        _folders.WriteAsync(
            connection, LakeLayout.InternalTier, dataset, rowsSql, dataset.SortColumns, dataset.PartitionColumns, cancellationToken);

    private async Task<Dataset> GetDatasetAsync(LakeCommitRequest request, CancellationToken cancellationToken) =>
        await _catalog.GetDatasetAsync(request.Department, request.Dataset, cancellationToken)
        ?? throw new LakeException($"Dataset '{request.Department}/{request.Dataset}' does not exist.");
}
