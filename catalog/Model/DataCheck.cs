namespace OpenData.Catalog;

/// <summary>
/// A quality check on a pipeline's result or on a dataset's versions. Which fields count depends on <see cref="Kind"/>: <see cref="Column"/> for
/// not null, accepted values and freshness; <see cref="Columns"/> for unique; <see cref="Values"/> for accepted values;
/// <see cref="Min"/>/<see cref="Max"/> for row count; <see cref="MaxAge"/> for freshness; <see cref="Sql"/> for an
/// assertion, a SELECT over <c>output</c> (the rows checked) that must return no rows.
/// </summary>
public sealed record DataCheck
{
    public required DataCheckKind Kind { get; init; }

    /// <summary>The name shown when the check fails; a description of the check when null.</summary>
    public string? Name { get; init; }

    public string? Column { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyList<string> Values { get; init; } = [];

    public long? Min { get; init; }

    public long? Max { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public string? Sql { get; init; }
}
