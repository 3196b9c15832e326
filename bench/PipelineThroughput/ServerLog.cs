using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenData.Bench.PipelineThroughput;

/// <summary>
/// Where a run's time went, as the host logs it when a run ends (pipelines/PipelineRunner.cs, RunTimings):
/// <c>Pipeline NAME run ID: … rows, version N; pin 12 ms, compute 900 ms, suppress 8 ms, checks 4 ms, commit 60 ms.</c>
/// </summary>
internal static partial class ServerLog
{
    /// <summary>Each step's milliseconds for the given run, in the order logged; empty when the log has no such line.</summary>
    public static IReadOnlyList<(string Step, double Ms)> Phases(string logPath, string pipeline, long run)
    {
        using var reader = new StreamReader(new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var prefix = $"Pipeline {pipeline} run {run}: ";
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at >= 0 && line.LastIndexOf("; ", StringComparison.Ordinal) is var steps and > 0)
            {
                return Step().Matches(line[(steps + 2)..])
                    .Select(m => (m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
                    .ToList();
            }
        }
        return [];
    }

    [GeneratedRegex(@"([a-z]+) (\d+) ms")]
    private static partial Regex Step();
}
