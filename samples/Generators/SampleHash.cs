namespace OpenData.Samples;

/// <summary>
/// The randomness of every generator: a pure function of (row, column), like DuckDB's hash(i, k) in
/// ../../../shared/bench/tickets.sql. SplitMix64 is plain integer arithmetic, so a row is the same on every run,
/// machine and .NET version (System.Random's seeded algorithm is not promised to stay the same), and rows do not
/// depend on each other: any row can be generated alone.
/// </summary>
public static class SampleHash
{
    /// <summary>A well-mixed 64-bit value for row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    public static ulong Hash(long row, int column, ulong seed)
    {
        var x = seed ^ ((ulong)row * 0x9E3779B97F4A7C15UL) ^ ((ulong)column * 0xD1B54A32D192ED03UL);
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A value in [0, <paramref name="bound"/>).</summary>
    public static long Below(long row, int column, ulong seed, long bound) => (long)(Hash(row, column, seed) % (ulong)bound);

    /// <summary>A value in [0, 1).</summary>
    public static double Unit(long row, int column, ulong seed) => (Hash(row, column, seed) >> 11) * (1.0 / (1UL << 53));

    /// <summary>One of <paramref name="items"/>.</summary>
    public static T Pick<T>(long row, int column, ulong seed, IReadOnlyList<T> items) => items[(int)Below(row, column, seed, items.Count)];
}
