using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenData.Bench;

/// <summary>
/// The platform as its own process: <c>dotnet OpenData.Api.dll --urls http://127.0.0.1:&lt;free port&gt;</c> with a
/// data folder (a fresh one in the work folder unless given) and a generated admin key; its output goes to
/// <c>server.log</c> in the work folder.
/// </summary>
public sealed class PlatformServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private PlatformServer(Process process, StreamWriter log, Uri address, string adminKey, string dataDirectory, string logPath)
    {
        this.process = process;
        this.log = log;
        Address = address;
        AdminKey = adminKey;
        DataDirectory = dataDirectory;
        LogPath = logPath;
    }

    public Uri Address { get; }
    public string AdminKey { get; }
    public string DataDirectory { get; }
    public string LogPath { get; }
    public int Pid => process.Id;

    /// <summary>The command that starts the host and when it was built, for a benchmark's header: figures go with a build.</summary>
    public static string Describe(string apiAssembly) => $"dotnet {apiAssembly} (built {File.GetLastWriteTime(apiAssembly):yyyy-MM-dd HH:mm})";

    /// <param name="apiAssembly">OpenData.Api.dll, built in Release.</param>
    /// <param name="workFolder">Where the log goes, and the data folder unless <paramref name="dataDirectory"/> is given.</param>
    /// <param name="dataDirectory">An existing data folder to serve (its datasets are kept); null: <c>workFolder/data</c>.</param>
    /// <param name="environment">More environment variables for the host, e.g. <c>Sql__MaxRows</c>.</param>
    public static async Task<PlatformServer> StartAsync(
        string apiAssembly, string workFolder, string? dataDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var adminKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        dataDirectory = Path.GetFullPath(dataDirectory ?? Path.Combine(workFolder, "data"));
        var logPath = Path.Combine(workFolder, "server.log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(apiAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(apiAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["OpenData__DataDirectory"] = dataDirectory;
        start.Environment["OpenData__AdminKey"] = adminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PlatformServer(process, log, address, adminKey, dataDirectory, logPath);
        try
        {
            await server.WaitForHealthAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} before answering /health; see {LogPath}:\n{Tail()}");
            }
            try
            {
                using var answer = await client.GetAsync("/health");
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not answer /health within {timeout.TotalSeconds:0} s; see {LogPath}:\n{Tail()}");
            }
            await Task.Delay(100);
        }
    }

    public string Tail(int lines = 30)
    {
        lock (log)
        {
            log.Flush();
        }
        try
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first so that the host shuts down as it would under a service manager; then kill.
            try
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString()]);
                term?.WaitForExit();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}
