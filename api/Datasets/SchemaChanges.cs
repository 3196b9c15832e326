using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>How a version's columns differ from the previous version's, by normalised column name.</summary>
public sealed record SchemaChanges(
    IReadOnlyList<SchemaColumn> Added, IReadOnlyList<SchemaColumn> Removed, IReadOnlyList<RetypedColumn> Retyped)
{
    public static SchemaChanges None { get; } = new([], [], []);

    /// <summary>The changes from <paramref name="previous"/> (null: the first version, so nothing changed).</summary>
    public static SchemaChanges Between(IReadOnlyList<SchemaColumn>? previous, IReadOnlyList<SchemaColumn> current)
    {
        if (previous is null)
        {
            return None;
        }
        var before = previous.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var after = current.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return new SchemaChanges(
            current.Where(c => !before.ContainsKey(c.Name)).ToList(),
            previous.Where(c => !after.ContainsKey(c.Name)).ToList(),
            current.Where(c => before.TryGetValue(c.Name, out var old) && old.Type != c.Type)
                .Select(c => new RetypedColumn(c.Name, before[c.Name].Type, c.Type))
                .ToList());
    }
}

public sealed record RetypedColumn(string Name, string From, string To);
