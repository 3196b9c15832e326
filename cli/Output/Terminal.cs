using Spectre.Console;

namespace OpenData.Cli;

/// <summary>
/// Where things go: data and results to stdout so that they pipe, messages and progress to stderr.
/// Colours and progress bars only where a person is looking, never into a file or a pipe.
/// </summary>
public sealed class Terminal
{
    private Terminal(IAnsiConsole output, IAnsiConsole error)
    {
        Out = output;
        Error = error;
    }

    /// <summary>Results and tables.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Messages, warnings, errors and progress.</summary>
    public IAnsiConsole Error { get; }

    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;

    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    public static Terminal Create() =>
        new(ConsoleOn(Console.Out, StdoutIsTerminal), ConsoleOn(Console.Error, StderrIsTerminal));

    /// <summary>Text exactly as given (JSON, CSV), not laid out by Spectre, which would wrap long lines.</summary>
    public static void WriteData(string text) => Console.Out.Write(text);

    /// <summary>A spinner with <paramref name="status"/> on stderr while <paramref name="work"/> runs, when a person watches.</summary>
    public Task<T> ShowStatusAsync<T>(string status, Func<Task<T>> work) =>
        StderrIsTerminal ? Error.Status().StartAsync(Markup.Escape(status), _ => work()) : work();

    public void Warn(string message) => Error.MarkupLineInterpolated($"[yellow]warning:[/] {message}");

    public void Fail(string message) => Error.MarkupLineInterpolated($"[red]error:[/] {message}");

    private static IAnsiConsole ConsoleOn(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!isTerminal)
        {
            // Spectre assumes 80 columns off a terminal; a table for grep or a log should keep one row per line.
            console.Profile.Width = 1000;
        }
        return console;
    }
}
