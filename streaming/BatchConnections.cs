using System.Collections.Concurrent;
using OpenData.DuckDB;

namespace OpenData.Streaming;

/// <summary>
/// The DuckDB connections batches are parsed and committed on, each batch on one from its parse to its commit. DuckDB
/// runs a batch of up to a row group (122,880 rows) on one thread, so with two connections the next batch is parsed
/// on one core while the batch before it is written on the other. Each has Kafka:BatchMemoryLimit.
/// </summary>
internal sealed class BatchConnections : IDisposable
{
    private readonly List<DuckDBConnection> _all = [];
    private readonly ConcurrentBag<DuckDBConnection> _free = [];
    private readonly SemaphoreSlim _available;

    public BatchConnections(int count, string connectionString)
    {
        _available = new SemaphoreSlim(count, count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var connection = new DuckDBConnection(connectionString);
                _all.Add(connection);
                connection.Open();
                _free.Add(connection);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A free connection, until the lease is disposed.</summary>
    public async Task<Lease> TakeAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken);
        _free.TryTake(out var connection);
        return new Lease(this, connection!);
    }

    public void Dispose()
    {
        _all.ForEach(connection => connection.Dispose());
        _available.Dispose();
    }

    public sealed class Lease(BatchConnections pool, DuckDBConnection connection) : IDisposable
    {
        public DuckDBConnection Connection => connection;

        public void Dispose()
        {
            pool._free.Add(connection);
            pool._available.Release();
        }
    }
}
