namespace OpenData.Api.Portal.Catalog;

/// <summary>The page links of a pager: the first, the last and two either side of the current one; null marks a gap.</summary>
public static class PageNumbers
{
    public static IReadOnlyList<int?> Around(int current, int pages)
    {
        var shown = new SortedSet<int> { 1, pages };
        for (var page = Math.Max(1, current - 2); page <= Math.Min(pages, current + 2); page++)
        {
            shown.Add(page);
        }
        var numbers = new List<int?>();
        foreach (var page in shown)
        {
            if (numbers.Count > 0 && numbers[^1] is { } previous && page > previous + 1)
            {
                numbers.Add(null);
            }
            numbers.Add(page);
        }
        return numbers;
    }
}
