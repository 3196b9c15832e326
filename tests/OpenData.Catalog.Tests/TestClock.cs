namespace OpenData.Catalog.Tests;

/// <summary>A clock the test moves by hand, so retention and timestamps are exact.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2024, 3, 1, 8, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
