using OpenData.Catalog;

namespace OpenData.Lake.Tests;

/// <summary>An append's statistics come from the previous version's and the new rows' alone: exact but for distinct counts.</summary>
public sealed class AppendStatisticsTests : LakeTestBase
{
    /// <summary>Rows [from, to): negative and positive numbers (so text order is not number order), nulls, timestamps and text.</summary>
    private static string Rows(int from, int to) =>
        $"""
        SELECT i AS id, (i * 37 % 200) - 100 AS score, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1.5 END AS amount,
               TIMESTAMP '2024-01-01' + to_minutes(i) AS at, 'k' || (i % 7) AS kind
        FROM range({from}, {to}) AS t(i)
        """;

    private async Task<SnapshotSummary> RecountAsync(DatasetVersion version) =>
        await SnapshotStatistics.ComputeAsync(Connection, FullPaths(version), default);

    [Fact]
    public async Task Appends_keep_exact_counts_min_and_max_and_distinct_counts_at_most_the_truth()
    {
        await CreateDatasetAsync();
        var version = await CommitAsync(Rows(0, 1_000));
        for (var batch = 1; batch < 6; batch++)
        {
            version = await CommitAsync(Rows(batch * 1_000, (batch + 1) * 1_000), CommitMode.Append);
        }

        var recounted = await RecountAsync(version);
        Assert.Equal(6, version.Number);
        Assert.Equal(recounted.RowCount, version.RowCount);
        Assert.Equal(recounted.Schema, version.Schema);
        Assert.Equal(
            recounted.Statistics.Select(s => (s.Column, s.NullCount, s.Min, s.Max)),
            version.Statistics.Select(s => (s.Column, s.NullCount, s.Min, s.Max)));
        Assert.Equal(("-100", "99"), (version.Statistics[1].Min, version.Statistics[1].Max));
        Assert.All(version.Statistics.Zip(recounted.Statistics), pair =>
            Assert.InRange(pair.First.ApproximateDistinctCount!.Value, 1, pair.Second.ApproximateDistinctCount!.Value));
        // The id column has as many values as rows; taking the larger of the parts trails the truth.
        Assert.True(version.Statistics[0].ApproximateDistinctCount < recounted.Statistics[0].ApproximateDistinctCount);
    }

    [Fact]
    public async Task Every_sixteenth_version_counts_everything_again()
    {
        await CreateDatasetAsync();
        var version = await CommitAsync(Rows(0, 100));
        while (version.Number < AppendStatistics.FullCountEvery)
        {
            version = await CommitAsync(Rows(version.Number * 100, (version.Number + 1) * 100), CommitMode.Append);
        }

        Assert.Equal((await RecountAsync(version)).Statistics, version.Statistics);
    }

    [Fact]
    public async Task A_column_an_append_adds_counts_the_earlier_rows_as_nulls()
    {
        await CreateDatasetAsync();
        await CommitAsync(Rows(0, 300));

        var version = await CommitAsync($"SELECT *, id % 3 = 0 AS flagged FROM ({Rows(300, 400)})", CommitMode.Append);

        var recounted = await RecountAsync(version);
        Assert.Equal(recounted.Schema, version.Schema);
        Assert.Equal("flagged", version.Schema[^1].Name);
        var flagged = version.Statistics.Single(s => s.Column == "flagged");
        Assert.Equal((300L, "false", "true"), (flagged.NullCount, flagged.Min, flagged.Max));
        Assert.Equal(
            recounted.Statistics.Select(s => (s.Column, s.NullCount, s.Min, s.Max)),
            version.Statistics.Select(s => (s.Column, s.NullCount, s.Min, s.Max)));
    }

    [Fact]
    public async Task An_append_that_changes_a_type_counts_everything_again()
    {
        await CreateDatasetAsync();
        await CommitAsync("SELECT i AS id, i AS score FROM range(0, 100) AS t(i)");

        var version = await CommitAsync("SELECT i AS id, i + 0.5 AS score FROM range(100, 200) AS t(i)", CommitMode.Append);

        var recounted = await RecountAsync(version);
        Assert.Equal(recounted.Schema, version.Schema);
        Assert.Equal(recounted.Statistics, version.Statistics);
        Assert.Equal("199.5", version.Statistics.Single(s => s.Column == "score").Max);
    }
}
