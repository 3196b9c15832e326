using System.Text;
using OpenData.Catalog;
using OpenData.Ingest;

namespace OpenData.Api;

/// <summary>
/// The rejects an upload was allowed to leave out (maxRejectedRows), kept as CSV in
/// <c>&lt;data&gt;/rejects/&lt;department&gt;/&lt;dataset&gt;/&lt;version&gt;.csv</c> for the publisher to fix.
/// </summary>
public sealed class RejectsFiles(string dataDirectory)
{
    public string PathOf(string department, string dataset, int version) =>
        Path.Combine(dataDirectory, "rejects", department, dataset, $"{version}.csv");

    /// <summary>Written to a temporary name first, so a reader never sees half a report.</summary>
    public async Task WriteAsync(string department, string dataset, int version, IReadOnlyList<ImportReject> rejects, CancellationToken cancellationToken)
    {
        var path = PathOf(department, dataset, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("line,column,value,reason\n");
            foreach (var reject in rejects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync($"{reject.Line},{Quote(reject.Column)},{Quote(reject.Value)},{Quote(reject.Reason)}\n");
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the reports of versions the catalog no longer has (past retention); returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(ICatalogStore catalog, CancellationToken cancellationToken)
    {
        var root = Path.Combine(dataDirectory, "rejects");
        if (!Directory.Exists(root))
        {
            return 0;
        }
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories))
        {
            var datasetFolder = Path.GetDirectoryName(path)!;
            var department = Path.GetFileName(Path.GetDirectoryName(datasetFolder)!);
            if (int.TryParse(Path.GetFileNameWithoutExtension(path), out var version)
                && await catalog.GetVersionAsync(department, Path.GetFileName(datasetFolder), version, cancellationToken) is null)
            {
                File.Delete(path);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.</summary>
    private static string Quote(string? field) =>
        field is null ? "" : field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
}
