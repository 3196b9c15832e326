using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary>
/// <c>pipelines run name</c>: starts a run (<c>POST …/runs</c>) and polls it until it ends; the exit code says
/// whether it succeeded.
/// </summary>
public sealed class PipelinesRunCommand : Command
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    private readonly Argument<string> _name = new("name") { Description = "The pipeline's name" };

    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Return once the run has started, without waiting for its end" };

    private readonly Option<bool> _json = JsonOption.Create();

    public PipelinesRunCommand(CommandRunner runner)
        : base("run", "Run a pipeline now and wait for its end; print its status and rows (exit code 8 when it failed)")
    {
        Arguments.Add(_name);
        Options.Add(_noWait);
        Options.Add(_json);
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var runs = $"/api/v1/pipelines/{Uri.EscapeDataString(parseResult.GetValue(_name)!)}/runs";
        string body;
        using (var request = new HttpRequestMessage(HttpMethod.Post, runs))
        using (var response = await client.SendAsync(request, cancellationToken))
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        var run = JsonSerializer.Deserialize(body, CliJson.Default.PipelineRun)!;
        if (!parseResult.GetValue(_noWait))
        {
            body = await terminal.ShowStatusAsync($"running {run.Pipeline} (run {run.Id})", () => WaitForEndAsync(client, $"{runs}/{run.Id}", cancellationToken));
            run = JsonSerializer.Deserialize(body, CliJson.Default.PipelineRun)!;
        }

        if (parseResult.GetValue(_json))
        {
            Terminal.WriteData(body + Environment.NewLine);
        }
        else
        {
            terminal.Out.WriteLine(Describe(run));
        }
        if (run.Status != PipelineRun.Failed)
        {
            return ExitCode.Success;
        }
        if (run.FailedCheck is { } check)
        {
            terminal.Fail($"check '{check.Check}' failed: {check.Message}");
        }
        else
        {
            terminal.Fail(run.Error ?? "the run failed.");
        }
        return ExitCode.RunFailed;
    }

    /// <summary>The run's JSON once its status is no longer <c>running</c>; polls often at first, then less.</summary>
    private static async Task<string> WaitForEndAsync(OpenDataClient client, string path, CancellationToken cancellationToken)
    {
        for (var pause = FirstPoll; ; pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks)))
        {
            await Task.Delay(pause, cancellationToken);
            var body = await client.GetStringAsync(path, cancellationToken);
            if (JsonSerializer.Deserialize(body, CliJson.Default.PipelineRun)!.Status != PipelineRun.Running)
            {
                return body;
            }
        }
    }

    private static string Describe(PipelineRun run)
    {
        var outcome = $"{run.Pipeline}: run {run.Id} (attempt {run.Attempt}) {run.Status}";
        if (run.EndedAt is { } ended)
        {
            outcome += string.Create(CultureInfo.InvariantCulture, $" in {(ended - run.StartedAt).TotalSeconds:0.0} s");
        }
        if (run.Rows is { } rows)
        {
            outcome += $", {rows} rows";
        }
        if (run.OutputVersion is { } version)
        {
            outcome += $", version {version}";
        }
        return outcome;
    }
}
