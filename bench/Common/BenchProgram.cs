using System.Reflection;
using OpenData.DuckDB;

namespace OpenData.Bench;

/// <summary>
/// How every benchmark program starts and ends. <c>--help</c> or <c>-h</c> prints the usage (exit 0); an argument
/// the options reject prints why and the usage (exit 2); something the benchmark needs and cannot find (the host not
/// built, tickets.sql, a native library) prints what is missing (exit 1); a failure of the platform, HTTP, the disk or
/// DuckDB prints one line, "&lt;program&gt; failed: …" (exit 1), rather than a stack trace. Otherwise the exit code is
/// the benchmark's own.
/// </summary>
public static class BenchProgram
{
    private const int WrongArguments = 2;
    private const int Failed = 1;

    public static async Task<int> RunAsync<TOptions>(string[] args, string usage, Func<string[], TOptions> parse, Func<TOptions, Task<int>> run)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(usage);
            return 0;
        }

        TOptions options;
        try
        {
            options = parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
            return WrongArguments;
        }

        try
        {
            return await run(options);
        }
        catch (Exception e) when (e is FileNotFoundException or DllNotFoundException)
        {
            // Its message says what is missing and how to get it: the program's name would add nothing.
            Console.Error.WriteLine(e.Message);
            return Failed;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or DuckDBException)
        {
            Console.Error.WriteLine($"{Assembly.GetEntryAssembly()?.GetName().Name} failed: {e.Message}");
            return Failed;
        }
    }

    /// <summary><see cref="RunAsync{TOptions}"/> for a benchmark that does all its work on this thread.</summary>
    public static int Run<TOptions>(string[] args, string usage, Func<string[], TOptions> parse, Func<TOptions, int> run) =>
        RunAsync(args, usage, parse, options => Task.FromResult(run(options))).GetAwaiter().GetResult();
}
