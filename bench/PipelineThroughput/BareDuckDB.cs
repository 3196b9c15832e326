using System.Diagnostics;

namespace OpenData.Bench.PipelineThroughput;

/// <summary>
/// The reference: the pipeline's SQL text as it is, over a <see cref="TicketsView"/> of the same internal-tier Parquet
/// files the run reads, <c>COPY (SELECT …) TO 'bare.parquet' (FORMAT parquet, COMPRESSION zstd)</c>.
/// </summary>
internal sealed class BareDuckDB(IReadOnlyList<string> files) : IDisposable
{
    private readonly TicketsView view = new(files);

    /// <summary>The COPY of <paramref name="sql"/>'s rows to <paramref name="path"/>: its wall time and the rows it wrote.</summary>
    public (TimeSpan Wall, long Rows) Copy(string sql, string path)
    {
        using var command = view.Connection.CreateCommand();
        command.CommandText = $"COPY ({sql}) TO '{TicketsCsv.Sql(path)}' (FORMAT parquet, COMPRESSION zstd)";
        var started = Stopwatch.GetTimestamp();
        var rows = command.ExecuteNonQuery();
        return (Stopwatch.GetElapsedTime(started), rows);
    }

    /// <summary>Rows in one set of Parquet files and not in the other (both ways), the pipeline's flag column left out.</summary>
    public long Differences(IReadOnlyList<string> pipelineFiles, string flagColumn, string barePath)
    {
        var pipeline = $"SELECT * EXCLUDE (\"{flagColumn}\") FROM {TicketsView.ReadParquet(pipelineFiles)}";
        var bare = $"SELECT * FROM {TicketsView.ReadParquet([barePath])}";
        using var command = view.Connection.CreateCommand();
        command.CommandText = $"SELECT (SELECT count(*) FROM ({pipeline} EXCEPT ALL {bare})) + (SELECT count(*) FROM ({bare} EXCEPT ALL {pipeline}))";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Rows of the pipeline's output whose flag column says they were suppressed.</summary>
    public long Suppressed(IReadOnlyList<string> pipelineFiles, string flagColumn)
    {
        using var command = view.Connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FILTER (WHERE \"{flagColumn}\") FROM {TicketsView.ReadParquet(pipelineFiles)}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose() => view.Dispose();
}
