using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Turns a raw source relation (one row per record, with its record number in <c>__row</c>) into the typed temp
/// table of an import: infers the types of text columns, casts to the contract where there is one, and lists
/// every value that does not fit as a reject. Rejected rows are left out of the table, never kept with NULLs.
/// </summary>
internal sealed class TypedTableBuilder(DuckDBConnection connection, TextParsing parsing, ImportRequest request)
{
    /// <summary>Row-level rejects found while reading (wrong field counts), and how many rows they are.</summary>
    public List<ImportReject> ReadRejects { get; } = [];

    public long ReadRejectedRows { get; set; }

    /// <summary>Maps a <c>__row</c> value to the line or row number a reject report shows.</summary>
    public Func<long, long> LineOf { get; set; } = row => row;

    public async Task<(string Table, long Rows, List<SchemaColumn> Columns, List<ImportReject> Rejects, long RejectedRows)> BuildAsync(
        string source, IReadOnlyList<SourceColumn> columns, CancellationToken cancellationToken)
    {
        var contract = ContractFor(columns);
        var textColumns = columns.Where(c => c.Type is null).ToList();
        var choices = await TextColumnTyper.ChooseAsync(connection, source, textColumns.Select(c => c.Sql).ToList(), parsing, cancellationToken);
        var chosen = textColumns.Select((c, i) => (c, choices[i])).ToDictionary(p => p.c, p => p.Item2);

        var plans = columns.Select(c => Plan(c, contract.GetValueOrDefault(c.Name), chosen.GetValueOrDefault(c))).ToList();
        var checkedPlans = plans.Select((p, i) => (p, i)).Where(x => x.p.MisfitOf is not null).ToList();

        // One pass: each value is cast once, and the row is kept with a flag saying whether any value misfits.
        // The misfits are then counted on the flag and deleted, instead of scanning the source again for them.
        var table = IngestSql.NewTableName("import");
        var names = string.Join(", ", plans.Select((p, i) => $"__typed_{i} AS {IngestSql.Identifier(p.Column.Name)}"));
        var values = string.Join(", ", plans.Select((p, i) => $"{p.Value} AS __typed_{i}"));
        if (checkedPlans.Count == 0)
        {
            await IngestSql.ExecuteAsync(connection, $"CREATE TEMP TABLE {table} AS SELECT {names} FROM (SELECT {values} FROM {source})", cancellationToken);
        }
        else
        {
            var anyMisfit = string.Join(" OR ", checkedPlans.Select(x => $"coalesce({x.p.MisfitOf!($"__typed_{x.i}")}, false)"));
            await IngestSql.ExecuteAsync(connection,
                $"CREATE TEMP TABLE {table} AS SELECT {names}, ({anyMisfit}) AS {MisfitColumn} " +
                $"FROM (SELECT *, {values} FROM {source})", cancellationToken);
        }
        try
        {
            var rejects = new List<ImportReject>(ReadRejects);
            var rejectedRows = ReadRejectedRows;
            if (checkedPlans.Count > 0)
            {
                var valueRejectedRows = await IngestSql.CountAsync(connection, $"SELECT count(*) FROM {table} WHERE {MisfitColumn}", cancellationToken);
                rejectedRows += valueRejectedRows;
                if (valueRejectedRows > 0)
                {
                    rejects.AddRange(await ValueRejectsAsync(source, plans, cancellationToken));
                }
            }
            rejects = rejects.OrderBy(r => r.Line).Take(IngestLimits.MaxReportedRejects).ToList();
            if (rejectedRows > request.MaxRejectedRows)
            {
                var first = rejects.FirstOrDefault();
                throw new IngestException(
                    $"{rejectedRows} row(s) of '{request.FileName ?? Path.GetFileName(request.FilePath)}' do not fit " +
                    $"(at most {request.MaxRejectedRows} allowed); nothing was imported." +
                    (first is null ? "" : $" First: line {first.Line}{(first.Column is null ? "" : $", column {first.Column}")}: {first.Reason}."))
                {
                    Rejects = rejects,
                    RejectedRows = rejectedRows,
                    FileName = request.FileName,
                };
            }
            if (checkedPlans.Count > 0)
            {
                if (rejectedRows > ReadRejectedRows)
                {
                    await IngestSql.ExecuteAsync(connection, $"DELETE FROM {table} WHERE {MisfitColumn}", cancellationToken);
                }
                await IngestSql.ExecuteAsync(connection, $"ALTER TABLE {table} DROP COLUMN {MisfitColumn}", cancellationToken);
            }

            var rows = await IngestSql.CountAsync(connection, $"SELECT count(*) FROM {table}", cancellationToken);
            var described = await IngestSql.DescribeAsync(connection, $"SELECT * FROM {table}", cancellationToken);
            var schema = described.Select((d, i) => new SchemaColumn(d.Name, d.Type, columns[i].Title)).ToList();
            return (table, rows, schema, rejects, rejectedRows);
        }
        catch
        {
            await IngestSql.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table}", CancellationToken.None);
            throw;
        }
    }

    private const string MisfitColumn = "__ingest_misfit";

    /// <summary>How a column is cast; <see cref="MisfitOf"/> tells, from the cast value's SQL, whether the value misfits.</summary>
    private sealed record ColumnPlan(SourceColumn Column, string Value, Func<string, string>? MisfitOf, bool HasRequired, string Expected)
    {
        public string? Misfit => MisfitOf?.Invoke(Value);

        public string? Required => HasRequired ? $"({Value} IS NULL)" : null;
    }

    private ColumnPlan Plan(SourceColumn column, ContractColumn? contract, TextColumnTyper.Choice? choice)
    {
        var order = choice?.DateOrder ?? parsing.DateOrder;
        var required = contract is { Nullable: false };
        if (column.Type is null)
        {
            var type = contract?.Type ?? choice!.Type;
            var v = $"trim({column.Sql})";
            if (type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase))
            {
                return Finish(column, column.Sql, null, required, type, order);
            }
            var cast = parsing.Cast(v, type, order);
            // The missing markers are only looked for where the cast failed.
            return Finish(column, cast, x => $"(CASE WHEN {x} IS NULL THEN NOT {TextParsing.IsMissing(v)} ELSE false END)", required, type, order);
        }
        if (contract is null)
        {
            return Finish(column, column.Sql, null, false, column.Type, null);
        }
        var typed = $"TRY_CAST({column.Sql} AS {contract.Type})";
        return Finish(column, typed, x => $"({column.Sql} IS NOT NULL AND {x} IS NULL)", required, contract.Type, null);
    }

    private static ColumnPlan Finish(SourceColumn column, string value, Func<string, string>? misfit, bool required, string type, DateOrder? order)
    {
        // A required contract value that is missing is a misfit of its own, with its own reason.
        Func<string, string>? allMisfit = (misfit, required) switch
        {
            (null, false) => null,
            (not null, false) => misfit,
            (null, true) => x => $"({x} IS NULL)",
            _ => x => $"({misfit(x)} OR ({x} IS NULL))",
        };
        var expected = order is null || !type.Equals("DATE", StringComparison.OrdinalIgnoreCase)
            ? type
            : $"DATE ({(order == DateOrder.DayMonthYear ? "day first, DD/MM/YYYY" : "month first, MM/DD/YYYY")})";
        return new ColumnPlan(column, value, allMisfit, required, expected);
    }

    private async Task<List<ImportReject>> ValueRejectsAsync(string source, List<ColumnPlan> plans, CancellationToken cancellationToken)
    {
        var parts = plans
            .Select((p, i) => (p, i))
            .Where(x => x.p.Misfit is not null)
            .Select(x => $"SELECT __row, {x.i} AS col, CAST({x.p.Column.Sql} AS VARCHAR) AS value, " +
                         $"{(x.p.Required is null ? "false" : $"coalesce({x.p.Required}, false)")} AS missing " +
                         $"FROM {source} WHERE coalesce({x.p.Misfit}, false)");
        var sql = $"SELECT * FROM ({string.Join(" UNION ALL ", parts)}) ORDER BY __row, col LIMIT {IngestLimits.MaxReportedRejects}";
        var rows = await IngestSql.RowsAsync(connection, sql, cancellationToken);
        return rows.Select(r =>
        {
            var plan = plans[Convert.ToInt32(r[1])];
            var value = (string?)r[2];
            var reason = r[3] is true && string.IsNullOrWhiteSpace(value)
                ? "a value is required by the dataset's contract"
                : $"'{value}' is not a valid {plan.Expected}";
            return new ImportReject(LineOf(Convert.ToInt64(r[0])), plan.Column.Name, value, reason);
        }).ToList();
    }

    private Dictionary<string, ContractColumn> ContractFor(IReadOnlyList<SourceColumn> columns)
    {
        if (request.Contract is not { Count: > 0 } contract)
        {
            return [];
        }
        var byName = contract.ToDictionary(c => ColumnNames.SnakeCase(c.Name), StringComparer.Ordinal);
        var missing = byName.Keys.Where(k => columns.All(c => c.Name != k)).ToList();
        if (missing.Count > 0)
        {
            throw new IngestException(
                $"The file lacks the contract column(s) {string.Join(", ", missing)}; " +
                $"its columns are {string.Join(", ", columns.Select(c => c.Name))}.")
            { FileName = request.FileName };
        }
        return byName;
    }
}
