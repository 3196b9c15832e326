namespace OpenData.Bench;

/// <summary>The values after the benchmarks' options; a missing or wrong one is an <see cref="ArgumentException"/> saying what the option needs.</summary>
public static class CommandLine
{
    /// <summary>The whole number at <paramref name="index"/>, from <paramref name="min"/> to <paramref name="max"/>, given to option <paramref name="name"/>.</summary>
    public static long Number(string[] args, int index, string name, long min = 1, long max = long.MaxValue) =>
        index < args.Length && long.TryParse(args[index], out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} needs {Range(min, max)}.");

    // A maximum of int.MaxValue or more is only the type's limit, not worth naming.
    private static string Range(long min, long max) => (min, max) switch
    {
        (1, >= int.MaxValue) => "a positive whole number",
        (_, >= int.MaxValue) => $"a whole number of at least {min:N0}",
        _ => $"a whole number from {min:N0} to {max:N0}",
    };
}
