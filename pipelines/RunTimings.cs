using System.Globalization;

namespace OpenData.Pipelines;

/// <summary>
/// Where one attempt's time went, step by step, for the run's log line (which bench/PipelineThroughput reads). The first
/// step counts from the run's start (pinning the inputs, recording the run, starting its task).
/// </summary>
internal sealed class RunTimings(DateTimeOffset startedAt, TimeProvider time)
{
    private readonly List<(string Step, TimeSpan Took)> _steps = [];
    private DateTimeOffset _last = startedAt;

    public void Done(string step)
    {
        var now = time.GetUtcNow();
        _steps.Add((step, now - _last));
        _last = now;
    }

    public override string ToString() =>
        string.Join(", ", _steps.Select(s => $"{s.Step} {s.Took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"));
}
