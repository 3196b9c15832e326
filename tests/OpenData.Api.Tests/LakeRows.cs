using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Api.Tests;

/// <summary>Reads a dataset's current rows straight from the catalog and lake in a data folder, as a second process would.</summary>
public static class LakeRows
{
    /// <summary>(rows, distinct values of <paramref name="idColumn"/>) of the current version; (0, 0) before the first.</summary>
    public static async Task<(long Rows, long Distinct)> CountAsync(ICatalogStore catalog, string dataDirectory, string department, string dataset, string idColumn)
    {
        if ((await catalog.GetDatasetAsync(department, dataset))?.CurrentVersion is not { } current
            || await catalog.GetVersionAsync(department, dataset, current) is not { } version)
        {
            return (0, 0);
        }
        var layout = new LakeLayout(dataDirectory);
        var files = version.Files.Where(f => LakeLayout.IsInTier(f.Path, LakeLayout.InternalTier)).Select(f => "'" + layout.ToFullPath(f.Path) + "'");
        using var connection = new DuckDBConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT \"{idColumn}\") FROM read_parquet([{string.Join(", ", files)}], union_by_name = true)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
