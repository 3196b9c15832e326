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
        var plans = await PlanAsync(source, columns, inputs: null, cancellationToken);
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

    /// <summary>
    /// The typed rows of <paramref name="fileSource"/> as a SELECT that checks nothing ahead: the types are chosen
    /// from <paramref name="sampleSource"/> (the first rows of the same file), and a value that does not fit them,
    /// or that would have made the full inference choose another type, stops the query with an error. A file that
    /// runs through is imported exactly as <see cref="BuildAsync"/> would have imported it, in one pass fewer.
    /// </summary>
    public async Task<string> UncheckedSelectAsync(
        string sampleSource, string fileSource, IReadOnlyList<SourceColumn> columns, CancellationToken cancellationToken)
    {
        // Each text is trimmed and read as a number once, in layers below the casts, rather than inside every
        // expression that uses it: at ten million rows that halves the time of the pass.
        var plans = await PlanAsync(sampleSource, columns, i => new CastInputs($"__t{i}", $"__n{i}"), cancellationToken);
        var texts = Extra(plans, p => p.TextType is not null, (p, i) => $"trim({p.Column.Sql}) AS __t{i}");
        var numbers = Extra(plans, p => p.IsNumber, (_, i) => $"{parsing.Number($"__t{i}")} AS __n{i}");
        var values = string.Join(", ", plans.Select((p, i) => $"{p.Value} AS __typed_{i}"));
        var named = string.Join(", ", plans.Select((p, i) =>
        {
            var typed = $"__typed_{i}";
            var misfit = p.MisfitOf?.Invoke(typed);
            if (p.Inferred && p.IsNumber)
            {
                var leadingZero = TextParsing.HasLeadingZero($"__t{i}");
                misfit = misfit is null ? leadingZero : $"{misfit} OR {leadingZero}";
            }
            var message = IngestSql.Literal($"{UncheckedMisfit}: column {p.Column.Name} ({p.Expected}) holds ");
            var kept = misfit is null
                ? typed
                : $"CASE WHEN coalesce({misfit}, false) THEN error({message} || coalesce(CAST({p.Column.Sql} AS VARCHAR), 'nothing')) ELSE {typed} END";
            return $"{kept} AS {IngestSql.Identifier(p.Column.Name)}";
        }));
        return $"SELECT {named} FROM (SELECT *, {values} FROM (SELECT *{numbers} FROM (SELECT *{texts} FROM {fileSource})))";

        static string Extra(List<ColumnPlan> plans, Func<ColumnPlan, bool> where, Func<ColumnPlan, int, string> select) =>
            string.Concat(plans.Select((p, i) => (p, i)).Where(x => where(x.p)).Select(x => ", " + select(x.p, x.i)));
    }

    /// <summary>The start of the error an unchecked select stops with when the sample's types do not hold.</summary>
    public const string UncheckedMisfit = "Unchecked import stopped";

    /// <summary>Infers the types of text columns from <paramref name="source"/> and plans each column's cast.</summary>
    private async Task<List<ColumnPlan>> PlanAsync(
        string source, IReadOnlyList<SourceColumn> columns, Func<int, CastInputs>? inputs, CancellationToken cancellationToken)
    {
        var contract = ContractFor(columns);
        var textColumns = columns.Where(c => c.Type is null).ToList();
        var choices = await TextColumnTyper.ChooseAsync(connection, source, textColumns.Select(c => c.Sql).ToList(), parsing, cancellationToken);
        var chosen = textColumns.Select((c, i) => (c, choices[i])).ToDictionary(p => p.c, p => p.Item2);
        return columns.Select((c, i) => Plan(c, contract.GetValueOrDefault(c.Name), chosen.GetValueOrDefault(c), inputs?.Invoke(i))).ToList();
    }

    private const string MisfitColumn = "__ingest_misfit";

    /// <summary>How a column is cast; <see cref="MisfitOf"/> tells, from the cast value's SQL, whether the value misfits.</summary>
    private sealed record ColumnPlan(SourceColumn Column, string Value, Func<string, string>? MisfitOf, bool HasRequired, string Expected)
    {
        /// <summary>A text column typed by inference (not by a contract) as something other than text.</summary>
        public bool Inferred { get; init; }

        /// <summary>The type a text column is cast to; null when the column is kept as it was read.</summary>
        public string? TextType { get; init; }

        public bool IsNumber => TextType is not null && TextParsing.IsNumeric(TextType.ToUpperInvariant());

        public string? Misfit => MisfitOf?.Invoke(Value);

        public string? Required => HasRequired ? $"({Value} IS NULL)" : null;
    }

    /// <summary>SQL names of a column's trimmed text and of that text read as a number, when a layer below computes them.</summary>
    private sealed record CastInputs(string Text, string Number);

    private ColumnPlan Plan(SourceColumn column, ContractColumn? contract, TextColumnTyper.Choice? choice, CastInputs? inputs)
    {
        var order = choice?.DateOrder ?? parsing.DateOrder;
        var required = contract is { Nullable: false };
        if (column.Type is null)
        {
            var type = contract?.Type ?? choice!.Type;
            var v = inputs?.Text ?? $"trim({column.Sql})";
            if (type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase))
            {
                return Finish(column, column.Sql, null, required, type, order);
            }
            var cast = parsing.Cast(v, type, order, inputs?.Number);
            // The missing markers are only looked for where the cast failed.
            return Finish(column, cast, x => $"(CASE WHEN {x} IS NULL THEN NOT {TextParsing.IsMissing(v)} ELSE false END)", required, type, order)
                with { Inferred = contract is null, TextType = type };
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
