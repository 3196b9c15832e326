using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary>Runs each command's handler and turns whatever stopped it into a message on stderr and an <see cref="ExitCode"/>.</summary>
public sealed class CommandRunner(ServerOptions serverOptions)
{
    public void Handle(Command command, Func<CommandContext, CancellationToken, Task<ExitCode>> handler) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, handler, cancellationToken));

    private async Task<int> RunAsync(
        ParseResult parseResult, Func<CommandContext, CancellationToken, Task<ExitCode>> handler, CancellationToken cancellationToken)
    {
        var terminal = Terminal.Create();
        try
        {
            using var client = serverOptions.Connect(parseResult);
            return (int)await handler(new CommandContext(parseResult, terminal, client), cancellationToken);
        }
        catch (CliException e)
        {
            Report(terminal, e);
            return (int)e.ExitCode;
        }
        catch (HttpIOException e)
        {
            terminal.Fail($"the connection to the server broke before the answer was whole: {e.Message}");
            return (int)ExitCode.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            terminal.Fail("cancelled.");
            return (int)ExitCode.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Fail(e.Message);
            return (int)ExitCode.Failure;
        }
        catch (JsonException e)
        {
            terminal.Fail($"the server's answer is not what this client understands: {e.Message}");
            return (int)ExitCode.Failure;
        }
    }

    private static void Report(Terminal terminal, CliException e)
    {
        if (e.Problem is { } problem)
        {
            ProblemReport.Write(terminal, problem);
            return;
        }
        terminal.Fail(e.Message);
        if (e.ExitCode == ExitCode.Usage)
        {
            terminal.Error.WriteLine("Run the command with --help for its arguments and options.");
        }
    }
}
