namespace OpenData.Bench;

/// <summary>A benchmark's temp folder (the server's log and data folder, the bare side's files), removed at the end unless kept for a look afterwards.</summary>
public sealed class WorkFolder(string prefix, bool keep) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        if (!keep)
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
