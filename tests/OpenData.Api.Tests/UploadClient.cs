using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Api.Tests;

/// <summary>Uploads files over HTTP and reads versions back, through the API and from the lake's Parquet files.</summary>
public sealed class UploadClient(OpenDataApiFactory factory, string key, string department, string dataset)
{
    public string Key => key;

    public string DataPath => $"/api/v1/datasets/{department}/{dataset}/data";

    public string VersionsPath => $"/api/v1/datasets/{department}/{dataset}/versions";

    public async Task<HttpResponseMessage> PutAsync(HttpContent content, string query = "")
    {
        using var client = factory.CreateClient(key);
        return await client.PutAsync(DataPath + query, content);
    }

    public Task<HttpResponseMessage> PutTextAsync(string text, string contentType = "text/csv", string query = "") =>
        PutAsync(Text(text, contentType), query);

    public static HttpContent Text(string text, string contentType) =>
        new StringContent(text, new UTF8Encoding(false), new MediaTypeHeaderValue(contentType));

    public async Task<JsonElement> VersionAsync(int number)
    {
        using var client = factory.CreateClient(key);
        return await client.GetFromJsonAsync<JsonElement>($"{VersionsPath}/{number}");
    }

    public async Task<int[]> VersionNumbersAsync()
    {
        using var client = factory.CreateClient(key);
        var versions = await client.GetFromJsonAsync<JsonElement>(VersionsPath);
        return versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ToArray();
    }

    /// <summary>Runs <paramref name="sql"/> over the version's internal Parquet files, available as the view <c>v</c>.</summary>
    public async Task<object?> QueryAsync(int number, string sql)
    {
        var version = await VersionAsync(number);
        var files = version.GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("path").GetString()!)
            .Where(path => path.StartsWith("internal/", StringComparison.Ordinal))
            .Select(path => $"'{Path.Combine(factory.DataDirectory, "lake", path)}'");
        using var connection = new DuckDBConnection();
        connection.Open();
        using (var view = connection.CreateCommand())
        {
            view.CommandText = $"CREATE VIEW v AS SELECT * FROM read_parquet([{string.Join(",", files)}])";
            view.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static string[] Names(JsonElement schema) =>
        schema.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
}
