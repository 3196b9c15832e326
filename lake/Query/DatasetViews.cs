namespace OpenData.Lake.Query;

/// <summary>What a sandbox has defined for one dataset, to tell cheaply whether the catalog moved on since.</summary>
/// <param name="Current">The version the dataset's own view shows.</param>
/// <param name="Hidden">The personal columns its views leave out, as they were then ("" on the internal tier).</param>
internal sealed record DatasetViews(int Current, string Hidden)
{
    /// <summary>Each version view and when retention ends it (null while the version is current).</summary>
    public Dictionary<int, DateTimeOffset?> Versions { get; } = [];

    public bool HasExpired(DateTimeOffset now) => Versions.Values.Any(expires => expires <= now);
}
