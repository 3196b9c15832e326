using System.Diagnostics;
using OpenData.DuckDB;

namespace OpenData.Bench.PipelineThroughput;

/// <summary>
/// The reference: DuckDB in this process with a view of the pipeline's input name, <c>"transport"."traffic-tickets"</c>,
/// over the same internal-tier Parquet files the run reads, so that it runs the pipeline's SQL text as it is:
/// <c>COPY (SELECT …) TO 'bare.parquet' (FORMAT parquet, COMPRESSION zstd)</c>. DuckDB's defaults (threads = cores,
/// as the platform's sandboxes) except <c>parquet_metadata_cache</c>, which the sandboxes set too.
/// </summary>
internal sealed class BareDuckDB : IDisposable
{
    private readonly DuckDBConnection connection;

    public BareDuckDB(IReadOnlyList<string> files)
    {
        connection = new DuckDBConnection($"Data Source={DuckDBConnection.InMemory}");
        connection.Open();
        TicketsCsv.Execute(connection, $"""
            SET parquet_metadata_cache = true;
            CREATE SCHEMA "{Upload.Department}";
            CREATE VIEW "{Upload.Department}"."{Upload.Dataset}" AS SELECT * FROM {ReadParquet(files)};
            """);
    }

    /// <summary>The COPY of <paramref name="sql"/>'s rows to <paramref name="path"/>: its wall time and the rows it wrote.</summary>
    public (TimeSpan Wall, long Rows) Copy(string sql, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({sql}) TO '{TicketsCsv.Sql(path)}' (FORMAT parquet, COMPRESSION zstd)";
        var started = Stopwatch.GetTimestamp();
        var rows = command.ExecuteNonQuery();
        return (Stopwatch.GetElapsedTime(started), rows);
    }

    /// <summary>Rows in one set of Parquet files and not in the other (both ways), the pipeline's flag column left out.</summary>
    public long Differences(IReadOnlyList<string> pipelineFiles, string flagColumn, string barePath)
    {
        var pipeline = $"SELECT * EXCLUDE (\"{flagColumn}\") FROM {ReadParquet(pipelineFiles)}";
        var bare = $"SELECT * FROM {ReadParquet([barePath])}";
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT (SELECT count(*) FROM ({pipeline} EXCEPT ALL {bare})) + (SELECT count(*) FROM ({bare} EXCEPT ALL {pipeline}))";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Rows of the pipeline's output whose flag column says they were suppressed.</summary>
    public long Suppressed(IReadOnlyList<string> pipelineFiles, string flagColumn)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FILTER (WHERE \"{flagColumn}\") FROM {ReadParquet(pipelineFiles)}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static string ReadParquet(IEnumerable<string> files) =>
        $"read_parquet([{string.Join(", ", files.Select(file => $"'{TicketsCsv.Sql(file)}'"))}])";

    public void Dispose() => connection.Dispose();
}
