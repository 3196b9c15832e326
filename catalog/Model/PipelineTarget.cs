namespace OpenData.Catalog;

/// <summary>The dataset a pipeline writes, in the pipeline's department; created with this metadata on its first run.</summary>
public sealed record PipelineTarget
{
    /// <summary>The dataset's slug.</summary>
    public required string Dataset { get; init; }

    /// <summary>The new dataset's title; the slug when null.</summary>
    public string? Title { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Internal unless said otherwise, as for any dataset.</summary>
    public AccessLevel Access { get; init; } = AccessLevel.Internal;

    public string Licence { get; init; } = Catalog.Dataset.DefaultLicence;

    /// <summary>Descriptions of result columns, by column name; they become the target's contract descriptions.</summary>
    public IReadOnlyDictionary<string, string> ColumnDescriptions { get; init; } = new Dictionary<string, string>();
}
