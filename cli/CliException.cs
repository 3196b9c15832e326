namespace OpenData.Cli;

/// <summary>Ends a command with an exit code and a message for stderr; <see cref="Problem"/> when the server explained why.</summary>
public sealed class CliException(ExitCode exitCode, string message, Problem? problem = null) : Exception(message)
{
    public ExitCode ExitCode { get; } = exitCode;

    public Problem? Problem { get; } = problem;
}
