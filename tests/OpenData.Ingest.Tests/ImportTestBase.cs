using System.Text;
using OpenData.DuckDB;

namespace OpenData.Ingest.Tests;

/// <summary>Gives each test a staging folder for the files it writes and an in-memory DuckDB connection.</summary>
public abstract class ImportTestBase : IDisposable
{
    static ImportTestBase()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    protected string Folder { get; } = Directory.CreateTempSubdirectory("ingest-tests-").FullName;

    protected DuckDBConnection Connection { get; }

    protected ImportTestBase()
    {
        Connection = new DuckDBConnection();
        Connection.Open();
    }

    public void Dispose()
    {
        Connection.Dispose();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string WriteFile(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    protected Task<ImportResult> ImportAsync(string path, Func<ImportRequest, ImportRequest>? change = null)
    {
        var request = new ImportRequest { FilePath = path, FileName = Path.GetFileName(path) };
        return FileImporter.ImportAsync(Connection, change is null ? request : change(request));
    }

    protected Task<ImportResult> ImportTextAsync(string name, string content, Func<ImportRequest, ImportRequest>? change = null) =>
        ImportAsync(WriteFile(name, content), change);

    protected object? Scalar(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    protected static string TypeOf(ImportResult result, string column) => result.Columns.Single(c => c.Name == column).Type;
}
