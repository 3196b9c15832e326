namespace OpenData.Bench;

/// <summary>The repository (the folder holding Data.sln, found above the build output) and what the benchmark needs from it.</summary>
public sealed record Repository(string Root)
{
    public static Repository Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Data.sln")))
            {
                return new Repository(folder.FullName);
            }
        }

        throw new FileNotFoundException(
            $"Could not find the repository (a folder holding Data.sln) above {AppContext.BaseDirectory}. Run the benchmark from its build output inside the repository.");
    }

    /// <summary>../shared/bench/tickets.sql beside the repository: the tickets(n) macro.</summary>
    public string MacroFile
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "bench", "tickets.sql"));
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"The reference dataset's macro is missing: expected {path} (../shared/bench/tickets.sql beside the repository at {Root}).");
        }
    }

    /// <summary>The host, built in Release: dotnet build -c Release api.</summary>
    public string ApiAssembly
    {
        get
        {
            var path = Path.Combine(Root, "api", "bin", "Release", "net10.0", "OpenData.Api.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The host is not built: {path} is missing. Build it first: dotnet build -c Release {Path.Combine(Root, "api")}");
        }
    }
}
