using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>The host starts enough pool threads that queries, each holding one while DuckDB runs it, do not starve the rest.</summary>
public class ThreadPoolSettingsTests
{
    [Fact]
    public void The_hosts_runtime_configuration_starts_at_least_64_worker_threads_without_delay()
    {
        // The file the program runs with (dotnet OpenData.Api.dll), which the build copies beside the tests.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OpenData.Api.runtimeconfig.json")));

        var minThreads = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .GetProperty("System.Threading.ThreadPool.MinThreads").GetInt32();

        Assert.True(minThreads >= 64, $"System.Threading.ThreadPool.MinThreads is {minThreads}");
    }
}
