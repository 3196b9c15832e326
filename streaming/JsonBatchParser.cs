using System.Text;
using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Streaming;

/// <summary>
/// Parses a batch of JSON records into typed rows with DuckDB: the payloads go in through the appender, every
/// record's fields are extracted in one pass (<c>json_extract_string</c> with the list of paths) and cast with
/// <c>TRY_CAST</c>, so a bad record is flagged with its reason instead of failing the batch. Fields that the
/// schema lacks become new columns, typed by DuckDB's <c>read_json</c> inference, unless the schema is fixed
/// (a contract).
/// </summary>
public sealed class JsonBatchParser(string scratchFolder)
{
    private const string Batch = "stream_batch";
    private const string Parsed = "stream_parsed";
    private const string Partition = "__stream_partition";
    private const string Offset = "__stream_offset";
    private const string Timestamp = "__stream_timestamp";
    private const string Payload = "__stream_payload";
    private const string Problem = "__stream_problem";
    private const string Reason = "__stream_reason";
    private const int ShownValueLength = 100;

    // Casting a number string to these rounds instead of failing: the parser compares with the value as DOUBLE.
    private static readonly string[] ExactNumberTypes =
        ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "DECIMAL"];

    /// <param name="schema">The dataset's columns so far (its contract, or its current version's schema).</param>
    /// <param name="fixedSchema">True for a contract: fields outside it are ignored instead of added.</param>
    /// <param name="rejectsFrom">Per partition, the first offset whose rejects are still to be recorded (earlier
    /// ones already are, by a commit that a crash cut short of the rows).</param>
    public async Task<ParsedBatch> ParseAsync(
        DuckDBConnection connection, StreamBatch batch, IReadOnlyList<StreamColumn> schema, bool fixedSchema,
        IReadOnlyDictionary<int, long> rejectsFrom, CancellationToken cancellationToken)
    {
        await LoadAsync(connection, batch, cancellationToken);
        var added = fixedSchema ? [] : await NewColumnsAsync(connection, schema, cancellationToken);
        List<StreamColumn> columns = [.. schema, .. added];

        var paths = columns.Count == 0
            ? "NULL"
            : $"CASE WHEN {Problem} IS NULL THEN json_extract_string({Payload}, [{string.Join(", ", columns.Select(c => LakeSql.Literal(JsonPath(c.Name))))}]) END";
        var checks = columns.SelectMany((column, i) => Checks(column, $"raw[{i + 1}]")).ToList();
        var reason = checks.Count == 0 ? Problem : $"COALESCE({Problem}, CASE {string.Join(" ", checks)} END)";
        var typed = columns.Select((c, i) => $", TRY_CAST(raw[{i + 1}] AS {c.Type}) AS {LakeSql.Identifier(c.Name)}");
        await LakeSql.ExecuteAsync(connection, $"""
            CREATE OR REPLACE TEMP TABLE {Parsed} AS
            SELECT {Partition}, {Offset}, {Timestamp}, {Payload}, {reason} AS {Reason}{string.Concat(typed)}
            FROM (SELECT *, {paths} AS raw FROM {Batch});
            """, cancellationToken);

        var counts = await LakeSql.QueryAsync(
            connection,
            $"SELECT {Partition}, count(*) FILTER ({Reason} IS NULL), count(*) FILTER ({Reason} IS NOT NULL) FROM {Parsed} GROUP BY ALL;",
            r => (Partition: r.GetInt32(0), Rows: r.GetInt64(1), Rejects: r.GetInt64(2)), cancellationToken);
        var names = string.Join(", ", columns.Select(c => LakeSql.Identifier(c.Name)));
        var rowsSql = columns.Count == 0
            ? $"SELECT NULL AS empty FROM {Parsed} WHERE false"
            : $"SELECT {names} FROM {Parsed} WHERE {Reason} IS NULL ORDER BY {Partition}, {Offset}";
        var done = string.Concat(rejectsFrom.Select(p => $" AND NOT ({Partition} = {p.Key} AND {Offset} < {LakeSql.Int(p.Value)})"));
        var rejectsSql = $"""
            SELECT {LakeSql.Literal(batch.Topic)} AS topic, {Partition} AS kafka_partition, {Offset} AS kafka_offset,
                {Timestamp} AS kafka_timestamp, {Reason} AS reason, {Payload} AS payload
            FROM {Parsed} WHERE {Reason} IS NOT NULL{done} ORDER BY {Partition}, {Offset}
            """;
        return new ParsedBatch(rowsSql, rejectsSql, counts.Sum(c => c.Rows), counts.Sum(c => c.Rejects),
            counts.ToDictionary(c => c.Partition, c => c.Rejects), columns, added);
    }

    private static async Task LoadAsync(DuckDBConnection connection, StreamBatch batch, CancellationToken cancellationToken)
    {
        await LakeSql.ExecuteAsync(connection, $"""
            CREATE OR REPLACE TEMP TABLE {Batch} ({Partition} INTEGER, {Offset} BIGINT, {Timestamp} TIMESTAMPTZ, {Payload} VARCHAR, {Problem} VARCHAR);
            """, cancellationToken);
        using (var appender = connection.CreateAppender(Batch))
        {
            foreach (var message in batch.Messages)
            {
                appender.Append(message.Partition).Append(message.Offset).Append(message.Timestamp);
                (message.Payload is null ? appender.AppendNull() : appender.Append(message.Payload))
                    .Append(message.Problem).EndRow();
            }
        }
        // CASE, not AND: DuckDB evaluates a CASE branch only for the rows that reach it, so json_type never sees bad JSON.
        await LakeSql.ExecuteAsync(connection, $"""
            UPDATE {Batch} SET {Problem} = CASE WHEN NOT json_valid({Payload}) THEN 'not JSON' ELSE 'not a JSON object' END
            WHERE {Problem} IS NULL AND (CASE WHEN json_valid({Payload}) THEN json_type({Payload}) END) IS DISTINCT FROM 'OBJECT';
            """, cancellationToken);
    }

    /// <summary>Fields of this batch's good records that the schema lacks, typed by read_json over those records.</summary>
    private async Task<List<StreamColumn>> NewColumnsAsync(
        DuckDBConnection connection, IReadOnlyList<StreamColumn> schema, CancellationToken cancellationToken)
    {
        var known = schema.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var keys = await LakeSql.QueryAsync(
            connection,
            $"SELECT DISTINCT key FROM (SELECT unnest(json_keys({Payload})) AS key FROM {Batch} WHERE {Problem} IS NULL);",
            r => r.GetString(0), cancellationToken);
        var fresh = keys.Where(k => !known.Contains(k) && !k.StartsWith("__stream_", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (fresh.Count == 0)
        {
            return [];
        }

        // read_json infers from files only: the good records go to a scratch NDJSON file, once per new field set.
        Directory.CreateDirectory(scratchFolder);
        var file = Path.Combine(scratchFolder, $"infer-{Guid.NewGuid():N}.ndjson");
        try
        {
            await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
            {
                var payloads = await LakeSql.QueryAsync(
                    connection, $"SELECT {Payload} FROM {Batch} WHERE {Problem} IS NULL;", r => r.GetString(0), cancellationToken);
                foreach (var payload in payloads)
                {
                    await writer.WriteLineAsync(payload.AsMemory(), cancellationToken);
                }
            }
            var described = await LakeSql.QueryAsync(
                connection,
                $"DESCRIBE SELECT * FROM read_json({LakeSql.Literal(file)}, format = 'newline_delimited', sample_size = -1, maximum_depth = 2);",
                r => (Name: r.GetString(0), Type: r.GetString(1)), cancellationToken);
            // In the records' own order of first appearance, as read_json reports them.
            return described
                .Where(c => fresh.Contains(c.Name))
                .Select(c => new StreamColumn(c.Name, c.Type is "JSON" or "NULL" ? "VARCHAR" : c.Type))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>CASE branches giving the reason a value does not fit its column, if it does not.</summary>
    private static IEnumerable<string> Checks(StreamColumn column, string raw)
    {
        var name = column.Name.Replace("'", "''");
        if (column.Required)
        {
            yield return $"WHEN {raw} IS NULL THEN 'missing required field ''{name}'''";
        }
        if (column.Type is "VARCHAR" or "JSON")
        {
            yield break;
        }
        var shown = $"left({raw}, {ShownValueLength})";
        var fits = $"TRY_CAST({raw} AS {column.Type}) IS NOT NULL";
        if (ExactNumberTypes.Any(t => column.Type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            fits += $" AND TRY_CAST({raw} AS DOUBLE) = TRY_CAST({raw} AS {column.Type})::DOUBLE";
        }
        yield return $"WHEN {raw} IS NOT NULL AND NOT ({fits}) THEN 'field ''{name}'': ''' || {shown} || ''' is not a valid {column.Type.Replace("'", "''")}'";
    }

    /// <summary>A JSON path naming one top-level field, whatever characters its name has.</summary>
    private static string JsonPath(string field) => "$.\"" + field.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
