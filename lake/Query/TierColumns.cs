using OpenData.Catalog;

namespace OpenData.Lake.Query;

/// <summary>The columns a tier's views of a dataset leave out; downloads key their cached files on them too.</summary>
public static class TierColumns
{
    /// <summary>
    /// Personal columns are never written to the public tier, but one marked personal after a version was written is
    /// still in that version's files: public views leave out what is personal now. Lowercase, distinct and sorted.
    /// </summary>
    public static IReadOnlyList<string> Hidden(Dataset dataset, string tier) =>
        tier == LakeLayout.PublicTier
            ? dataset.PersonalColumns.Select(c => c.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
}
