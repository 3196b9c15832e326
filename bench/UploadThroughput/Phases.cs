namespace OpenData.Bench.UploadThroughput;

/// <summary>
/// The upload's phases as seen from outside the server: while the body streams in, the staged file grows; once it is
/// whole the server reads it (type inference, import); then lake files appear; the 201 comes after the commit.
/// </summary>
internal static class Phases
{
    public static void Print(IReadOnlyList<ServerSampler.Point> points, long fileBytes, Upload.Result upload)
    {
        if (points.Count < 2)
        {
            return;
        }
        var end = points[^1].At;
        var staged = points.FirstOrDefault(point => point.Uploads >= fileBytes)?.At ?? upload.BodySent;
        var lake = points.FirstOrDefault(point => point.Lake > 0)?.At ?? end;
        if (lake < staged)
        {
            lake = staged;
        }
        var spill = points.Max(point => point.Spill);
        var other = points.Max(point => point.OtherStaging);

        Console.WriteLine("phases seen from outside the server (100 ms samples of its /proc and data folder):");
        Console.WriteLine("                                              from        to      wall         CPU  CPU/wall   peak RSS");
        Row("body streamed to staging/uploads (+SHA-256)", points, TimeSpan.Zero, staged);
        Row("import: read the staged file, until lake files", points, staged, lake);
        Row("lake files written, commit, until the 201", points, lake, end);
        Console.WriteLine($"  largest DuckDB spill (staging/duckdb) {spill / 1048576.0:0} MiB, other staging files {other / 1048576.0:0} MiB, lake at the end {points[^1].Lake / 1048576.0:0} MiB");
        Console.WriteLine();
    }

    public static void Timeline(IReadOnlyList<ServerSampler.Point> points)
    {
        Console.WriteLine("timeline (every second): elapsed, server RSS, server CPU in that second, staged upload, DuckDB spill, lake, other staging");
        var next = TimeSpan.Zero;
        ServerSampler.Point? previous = null;
        foreach (var point in points)
        {
            if (point.At < next && point != points[^1])
            {
                continue;
            }
            var cpu = previous is null ? TimeSpan.Zero : point.Cpu - previous.Cpu;
            var span = previous is null ? TimeSpan.Zero : point.At - previous.At;
            Console.WriteLine($"  {point.At.TotalSeconds,6:0.0} s  RSS {point.Rss / 1048576.0,6:0} MiB  CPU {(span > TimeSpan.Zero ? cpu / span : 0),4:0.00}  uploads {point.Uploads / 1048576.0,6:0} MiB  spill {point.Spill / 1048576.0,6:0} MiB  lake {point.Lake / 1048576.0,5:0} MiB  staging {point.OtherStaging / 1048576.0,5:0} MiB");
            previous = point;
            next = point.At + TimeSpan.FromSeconds(1);
        }
        Console.WriteLine();
    }

    private static void Row(string name, IReadOnlyList<ServerSampler.Point> points, TimeSpan from, TimeSpan to)
    {
        var inside = points.Where(point => point.At >= from && point.At <= to).ToList();
        if (inside.Count == 0)
        {
            Console.WriteLine($"  {name,-44} {from.TotalSeconds,7:0.0} s {to.TotalSeconds,7:0.0} s   (no sample)");
            return;
        }
        var wall = inside[^1].At - inside[0].At;
        var cpu = inside[^1].Cpu - inside[0].Cpu;
        Console.WriteLine($"  {name,-44} {from.TotalSeconds,7:0.0} s {to.TotalSeconds,7:0.0} s {(to - from).TotalSeconds,7:0.0} s {cpu.TotalSeconds,9:0.0} s {(wall > TimeSpan.Zero ? cpu / wall : 0),8:0.00} {inside.Max(point => point.Rss) / 1048576.0,7:0} MiB");
    }
}
