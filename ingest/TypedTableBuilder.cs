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
        var misfits = plans.Where(p => p.Misfit is not null).Select(p => $"coalesce({p.Misfit}, false)").ToList();
        var anyMisfit = misfits.Count == 0 ? "false" : string.Join(" OR ", misfits);

        var rejects = new List<ImportReject>(ReadRejects);
        var rejectedRows = ReadRejectedRows;
        if (misfits.Count > 0)
        {
            var valueRejectedRows = await IngestSql.CountAsync(connection, $"SELECT count(*) FROM {source} WHERE {anyMisfit}", cancellationToken);
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

        var table = IngestSql.NewTableName("import");
        var select = string.Join(", ", plans.Select(p => $"{p.Value} AS {IngestSql.Identifier(p.Column.Name)}"));
        await IngestSql.ExecuteAsync(connection, $"CREATE TEMP TABLE {table} AS SELECT {select} FROM {source} WHERE NOT ({anyMisfit})", cancellationToken);
        var rows = await IngestSql.CountAsync(connection, $"SELECT count(*) FROM {table}", cancellationToken);
        var described = await IngestSql.DescribeAsync(connection, $"SELECT * FROM {table}", cancellationToken);
        var schema = described.Select((d, i) => new SchemaColumn(d.Name, d.Type, columns[i].Title)).ToList();
        return (table, rows, schema, rejects, rejectedRows);
    }

    private sealed record ColumnPlan(SourceColumn Column, string Value, string? Misfit, string? Required, string Expected);

    private ColumnPlan Plan(SourceColumn column, ContractColumn? contract, TextColumnTyper.Choice? choice)
    {
        var order = choice?.DateOrder ?? parsing.DateOrder;
        var required = contract is { Nullable: false } ? "value IS NULL" : null;
        if (column.Type is null)
        {
            var type = contract?.Type ?? choice!.Type;
            var v = $"trim({column.Sql})";
            if (type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase))
            {
                return Finish(column, column.Sql, null, required, type, order);
            }
            var cast = parsing.Cast(v, type, order);
            return Finish(column, cast, $"(NOT {TextParsing.IsMissing(v)} AND {cast} IS NULL)", required, type, order);
        }
        if (contract is null)
        {
            return Finish(column, column.Sql, null, null, column.Type, null);
        }
        var typed = $"TRY_CAST({column.Sql} AS {contract.Type})";
        return Finish(column, typed, $"({column.Sql} IS NOT NULL AND {typed} IS NULL)", required, contract.Type, null);
    }

    private static ColumnPlan Finish(SourceColumn column, string value, string? misfit, string? required, string type, DateOrder? order)
    {
        // A required contract value that is missing is a misfit of its own, with its own reason.
        var requiredSql = required is null ? null : $"({value} IS NULL)";
        var allMisfit = (misfit, requiredSql) switch
        {
            (null, null) => null,
            (not null, null) => misfit,
            (null, not null) => requiredSql,
            _ => $"({misfit} OR {requiredSql})",
        };
        var expected = order is null || !type.Equals("DATE", StringComparison.OrdinalIgnoreCase)
            ? type
            : $"DATE ({(order == DateOrder.DayMonthYear ? "day first, DD/MM/YYYY" : "month first, MM/DD/YYYY")})";
        return new ColumnPlan(column, value, allMisfit, requiredSql, expected) { };
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
