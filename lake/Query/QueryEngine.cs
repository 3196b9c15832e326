using System.Collections.Concurrent;
using System.Diagnostics;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// The SQL engine over the lake: one locked DuckDB sandbox per audience (see <see cref="QueryAudience"/>), each
/// allowed to read exactly the folders of the datasets that audience may see, with a view per dataset and per kept
/// version. Before each session it reads the catalog and brings the audience's sandbox up to date: new views on a
/// commit, a new sandbox when the set of visible datasets changed. A sandbox without a session for
/// <see cref="QueryEngineOptions.IdleTimeout"/> is closed. Safe to share between threads.
/// </summary>
public sealed class QueryEngine : IDisposable
{
    private readonly ICatalogStore _catalog;
    private readonly LakeLayout _layout;
    private readonly QueryEngineOptions _options;
    private readonly QueryViews _views;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, AudienceSlot> _audiences = new(StringComparer.Ordinal);
    private readonly ITimer _idleSweep;
    private volatile bool _disposed;

    private static readonly TimeSpan UnchangedCatalogKept = TimeSpan.FromSeconds(1);

    public QueryEngine(ICatalogStore catalog, LakeOptions lake, QueryEngineOptions options, TimeProvider? time = null)
    {
        _catalog = catalog;
        _layout = new LakeLayout(lake.DataDirectory);
        _options = options;
        _time = time ?? TimeProvider.System;
        _views = new QueryViews(catalog, _layout, lake.Retention);
        SandboxesFolder = Path.Combine(_layout.DataDirectory, "sandboxes");
        var sweep = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 2, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMinute));
        _idleSweep = _time.CreateTimer(_ => RetireIdleSandboxes(), null, sweep, sweep);
        // What an earlier run left behind when it stopped without closing its sandboxes: temp files and exports.
        if (Directory.Exists(SandboxesFolder))
        {
            Directory.Delete(SandboxesFolder, recursive: true);
        }
    }

    /// <summary>Where sandboxes keep their temp files and Parquet exports, one folder each.</summary>
    public string SandboxesFolder { get; }

    /// <summary>A session on the audience's sandbox, with every dataset's view at its current version.</summary>
    /// <exception cref="InvalidOperationException">The sandbox could not be set up: a fault of the engine, not of any query.</exception>
    public async Task<QuerySession> OpenSessionAsync(QueryAudience audience, CancellationToken cancellationToken = default)
    {
        var slot = _audiences.GetOrAdd(audience.Key, _ => new AudienceSlot());
        var arrived = Stopwatch.GetTimestamp();
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            // A catalog read that began after this request arrived saw every commit this request must see: requests
            // that queued behind one refresh share the next instead of each reading the catalog again. Nor is the
            // catalog read again while it has not changed, for a second: which kept versions have views depends on
            // the time too (retention), so a second is how late a version leaves time travel.
            var changes = _catalog.Changes;
            var now = _time.GetUtcNow();
            if (slot.Sandbox is { ReportsProgress: true }
                && (slot.LastReadStarted > arrived || (slot.ChangesRead == changes && now - slot.ReadAt < UnchangedCatalogKept)))
            {
                return Open(slot);
            }
            var started = Stopwatch.GetTimestamp();
            await RefreshAsync(audience, slot, cancellationToken);
            (slot.LastReadStarted, slot.ChangesRead, slot.ReadAt) = (started, changes, now);
            return Open(slot);
        }
        catch (DuckDBException error)
        {
            // Only the engine's own SQL runs here; its errors must not pass for the caller's.
            throw new InvalidOperationException($"The query sandbox for '{audience.Key}' could not be set up: {error.Message}", error);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Retires every sandbox; each closes when its last running session does.</summary>
    public void Dispose()
    {
        _disposed = true;
        _idleSweep.Dispose();
        foreach (var slot in _audiences.Values)
        {
            slot.Sandbox?.Retire();
        }
    }

    private async Task RefreshAsync(QueryAudience audience, AudienceSlot slot, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Read under the gate: two requests refreshing from catalog reads taken in the other order could
        // otherwise move a view back to an older version.
        var visible = (await _catalog.ListDatasetsAsync(cancellationToken: cancellationToken))
            .Select(dataset => (Dataset: dataset, Tier: audience.TierOf(dataset)))
            .Where(view => view.Tier is not null)
            .Select(view => (view.Dataset, Tier: view.Tier!))
            .ToList();
        var folders = visible
            .Select(view => _layout.DatasetFolder(view.Tier, view.Dataset.Department, view.Dataset.Slug) + Path.DirectorySeparatorChar)
            .ToHashSet(StringComparer.Ordinal);
        if (slot.Sandbox is null || !slot.Sandbox.DatasetFolders.SetEquals(folders) || !slot.Sandbox.ReportsProgress)
        {
            var sandbox = await QuerySandbox.CreateAsync(SandboxesFolder, folders, _options, cancellationToken);
            slot.Sandbox?.Retire();
            slot.Sandbox = sandbox;
        }
        await _views.RefreshAsync(slot.Sandbox, visible, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Closes the sandboxes that had no session for <see cref="QueryEngineOptions.IdleTimeout"/>.</summary>
    private void RetireIdleSandboxes()
    {
        foreach (var slot in _audiences.Values)
        {
            // A slot busy with a refresh or an open is in use: it is looked at again on the next sweep.
            if (_disposed || !slot.Gate.Wait(0))
            {
                continue;
            }
            try
            {
                if (slot.Sandbox is { } sandbox && sandbox.IsIdleFor(_options.IdleTimeout))
                {
                    sandbox.Retire();
                    slot.Sandbox = null;
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }

    private static QuerySession Open(AudienceSlot slot)
    {
        // A sandbox is retired under this gate once it stopped being the slot's, or when the engine is disposed.
        var sandbox = slot.Sandbox!;
        var connection = sandbox.OpenSession() ?? throw new ObjectDisposedException(nameof(QueryEngine));
        return new QuerySession(sandbox, connection);
    }

    private sealed class AudienceSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public QuerySandbox? Sandbox { get; set; }

        /// <summary>When the catalog read of the last refresh that succeeded began (<see cref="Stopwatch"/> ticks).</summary>
        public long LastReadStarted { get; set; }

        /// <summary>The catalog's <see cref="ICatalogStore.Changes"/> before that read, and the engine's time then.</summary>
        public long ChangesRead { get; set; } = -1;

        public DateTimeOffset ReadAt { get; set; }
    }
}
