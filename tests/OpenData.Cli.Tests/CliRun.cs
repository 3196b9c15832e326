using System.Diagnostics;

namespace OpenData.Cli.Tests;

/// <summary>What one run of the CLI process gave: its exit code and everything it wrote to each stream.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs the built CLI (opendata.dll in this output folder) with <c>dotnet</c>, its stdout and stderr redirected as in a
    /// script. The server and key come from the environment variables, never from this test process's own.
    /// </summary>
    public static async Task<CliRun> StartAsync(Uri? server, string? key, IEnumerable<string> arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "opendata.dll");
        Assert.True(File.Exists(dll), $"The built CLI is not at {dll}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("OPENDATA_SERVER");
        start.Environment.Remove("OPENDATA_KEY");
        if (server is not null)
        {
            start.Environment["OPENDATA_SERVER"] = server.ToString();
        }
        if (key is not null)
        {
            start.Environment["OPENDATA_KEY"] = key;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"opendata {string.Join(' ', arguments)} did not end within {Limit.TotalSeconds} s.");
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Asserts the exit code, showing both streams when it is not the one expected.</summary>
    public CliRun Exits(int expected)
    {
        Assert.True(ExitCode == expected, $"Exit code {ExitCode}, expected {expected}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}
