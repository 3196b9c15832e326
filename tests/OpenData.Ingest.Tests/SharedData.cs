namespace OpenData.Ingest.Tests;

/// <summary>The real public-sector files of ../shared/data (see its PROVENANCE.md), found beside the repository.</summary>
public static class SharedData
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Data.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
            }
        }
        throw new InvalidOperationException($"No Data.sln above {AppContext.BaseDirectory}.");
    }
}
