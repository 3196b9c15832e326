using Spectre.Console;

namespace OpenData.Cli;

/// <summary>Problem details on stderr: title and status, the detail, each field at fault, and the rejected rows as a table.</summary>
public static class ProblemReport
{
    public static void Write(Terminal terminal, Problem problem)
    {
        terminal.Fail($"{problem.Title} ({problem.Status})");
        if (problem.Detail is { } detail)
        {
            terminal.Error.WriteLine(detail);
        }
        foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            // The platform's detail often is the one error already ("sql: …"); said once is enough.
            foreach (var error in messages.Select(message => $"{field}: {message}").Where(error => error != problem.Detail))
            {
                terminal.Error.WriteLine($"  {error}");
            }
        }
        if (problem.Rejects is { Count: > 0 } rejects)
        {
            RejectsTable.Write(terminal, rejects, problem.RejectedRows ?? rejects.Count, "Nothing was committed.");
        }
    }
}
