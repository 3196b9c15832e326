using OpenData.DuckDB;

namespace OpenData.Api.Portal.Datasets;

/// <summary>Rows to show in an HTML table: column names and values as text (SQL NULL as null).</summary>
public sealed record RowsTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    /// <summary>Reads at most <paramref name="maxRows"/> rows, each value as the CSV download writes it.</summary>
    public static async Task<RowsTable> ReadAsync(DuckDBDataReader reader, int maxRows, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        while (rows.Count < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(ordinal => SqlValues.Text(reader, ordinal)).ToList());
        }
        return new RowsTable(columns, rows);
    }
}
