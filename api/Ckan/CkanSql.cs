using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Runs the datastore actions' SQL as the SQL endpoint runs a query: in the caller's sandbox (<see cref="SqlAudiences"/>),
/// checked by DuckDB's parser, with the caller's time limit (<see cref="SqlRequest"/>), written by <see cref="SqlValues"/>
/// and recorded in the audit log. What goes wrong becomes CKAN's error: DuckDB's message as a Validation Error on
/// "query", a file the sandbox may not read as an Authorization Error.
/// </summary>
public sealed class CkanSql(QueryEngine engine, SqlOptions options, AuditLog audit, Caller caller)
{
    /// <summary>The rows read: fields as CKAN types them, records as a JSON array, and whether <c>maxRows</c> cut them.</summary>
    public sealed record Rows(JsonArray Fields, JsonArray Records, bool Truncated, long? Total);

    /// <param name="lists">Records as lists of values rather than objects by field (records_format).</param>
    /// <param name="countSql">A SELECT count(*) to run in the same session for the total, or null.</param>
    public async Task<Rows> RunAsync(string sql, long maxRows, bool lists, string? countSql, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The SQL endpoint's checks and the caller's time limit; the row cap is CKAN's.
        if (new SqlRequest(sql).TryRead(caller, options, out var job) is { } invalid)
        {
            throw CkanException.Invalid("sql", invalid.ProblemDetails.Detail ?? "is not a query.");
        }
        var status = StatusCodes.Status500InternalServerError;
        string? failed = null;
        IReadOnlyList<string> datasets = [];
        long? read = null;
        using var limit = new QueryTimeLimit(job.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            using var session = await engine.OpenSessionAsync(SqlAudiences.For(caller), stop.Token);
            var query = session.Check(job.Sql);
            datasets = query.Datasets;
            var rows = await ReadAsync(session, query, maxRows, lists, stop.Token);
            if (countSql is not null)
            {
                await using var count = await session.ExecuteReaderAsync(session.Check(countSql), stop.Token);
                await count.ReadAsync(stop.Token);
                rows = rows with { Total = count.GetInt64(0) };
            }
            (status, read) = (StatusCodes.Status200OK, rows.Records.Count);
            return rows;
        }
        catch (Exception error) when (Failure(error, limit, cancellationToken) is { } failure)
        {
            (status, failed) = (failure.Status, failure.Message);
            throw failure;
        }
        finally
        {
            if (status == StatusCodes.Status500InternalServerError && cancellationToken.IsCancellationRequested)
            {
                status = SqlRunner.ClientClosedRequest;
            }
            await audit.RecordAsync(AuditEntry.For(caller, AuditAction.Query) with
            {
                Datasets = datasets,
                Rows = read,
                DurationMs = clock.ElapsedMilliseconds,
                Status = status,
                Error = failed,
                Detail = sql,
            }, CancellationToken.None);
        }
    }

    private static async Task<Rows> ReadAsync(QuerySession session, CheckedQuery query, long maxRows, bool lists, CancellationToken cancellationToken)
    {
        await using var reader = await session.ExecuteReaderAsync(query, cancellationToken);
        var fields = new JsonArray();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            fields.Add(new JsonObject { ["id"] = reader.GetName(i), ["type"] = CkanFieldTypes.Of(reader.GetDataTypeName(i)) });
        }
        var buffer = new ArrayBufferWriter<byte>();
        long rows = 0;
        var more = false;
        using (var json = new Utf8JsonWriter(buffer, SqlValues.JsonOptions))
        {
            json.WriteStartArray();
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows == maxRows)
                {
                    more = true;
                    break;
                }
                WriteRecord(json, reader, lists);
                rows++;
            }
            json.WriteEndArray();
        }
        // The values went through the SQL endpoint's writer, so decimals stay exact; parsing keeps their text.
        return new Rows(fields, JsonNode.Parse(buffer.WrittenSpan)!.AsArray(), more, null);
    }

    private static void WriteRecord(Utf8JsonWriter json, DuckDBDataReader reader, bool lists)
    {
        if (lists)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartObject();
        }
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!lists)
            {
                json.WritePropertyName(reader.GetName(i));
            }
            SqlValues.WriteJson(json, reader, i);
        }
        if (lists)
        {
            json.WriteEndArray();
        }
        else
        {
            json.WriteEndObject();
        }
    }

    /// <summary>The CKAN error for what stopped the query, or null for a fault of the server (left to the host: 500).</summary>
    private static CkanException? Failure(Exception error, QueryTimeLimit limit, CancellationToken request) => error switch
    {
        OperationCanceledException when limit.IsExceeded && !request.IsCancellationRequested =>
            CkanException.Invalid("query", "Query took too long"),
        QueryRefusedException refused => CkanException.Invalid("query", refused.Message),
        DuckDBException { ErrorType: DuckDBErrorType.Permission } => CkanException.Forbidden("Not authorized to read resource."),
        DuckDBException duck when SqlProblems.Failed(duck) is { } problem => CkanException.Invalid("query", problem.ProblemDetails.Detail ?? duck.Message),
        OverflowException overflow => CkanException.Invalid("query", overflow.Message),
        _ => null,
    };
}
