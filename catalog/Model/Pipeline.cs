namespace OpenData.Catalog;

/// <summary>
/// A pipeline: one SQL SELECT over lake datasets whose result becomes versions of a target dataset of the same
/// department, on a schedule and/or whenever an input has a new version. Identified by <see cref="Name"/>.
/// The last three properties belong to the catalog: create and update ignore what the caller puts there.
/// </summary>
public sealed record Pipeline
{
    public required string Name { get; init; }

    /// <summary>The owning department: its publisher writes the pipeline, and the SQL reads what it may read.</summary>
    public required string Department { get; init; }

    /// <summary>One SELECT naming datasets as <c>"department"."dataset"</c>.</summary>
    public required string Sql { get; init; }

    /// <summary>The datasets the SQL reads, "department/dataset", as DuckDB's parser found them; set by the engine.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    public required PipelineTarget Target { get; init; }

    public PipelineWriteMode Mode { get; init; } = PipelineWriteMode.Replace;

    /// <summary>For <see cref="PipelineWriteMode.Incremental"/>: a result column that grows with new input rows.</summary>
    public string? WatermarkColumn { get; init; }

    /// <summary>A Quartz cron expression (seconds first: <c>0 0 6 * * ?</c>), or null for no schedule.</summary>
    public string? Schedule { get; init; }

    /// <summary>Run whenever one of <see cref="Inputs"/> has a version the last run did not read.</summary>
    public bool OnInputChange { get; init; }

    /// <summary>Checks the result must pass before it is committed.</summary>
    public IReadOnlyList<DataCheck> Checks { get; init; } = [];

    /// <summary>Small-cell suppression of the result, or null for none.</summary>
    public Suppression? Suppression { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
