using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The body of PATCH /api/v1/pipelines/{name}: fields left out (null) keep their value; <c>schedule: ""</c> removes the
/// schedule. Name and department are the pipeline's identity and cannot change.
/// </summary>
public record PipelinePatch
{
    public string? Sql { get; init; }
    public PipelineTarget? Target { get; init; }
    public PipelineWriteMode? Mode { get; init; }
    public string? WatermarkColumn { get; init; }
    public string? Schedule { get; init; }
    public bool? OnInputChange { get; init; }
    public IReadOnlyList<DataCheck>? Checks { get; init; }
    public Suppression? Suppression { get; init; }

    public Pipeline ApplyTo(Pipeline pipeline) => pipeline with
    {
        Sql = Sql ?? pipeline.Sql,
        Target = Target ?? pipeline.Target,
        Mode = Mode ?? pipeline.Mode,
        WatermarkColumn = WatermarkColumn ?? pipeline.WatermarkColumn,
        Schedule = Schedule is null ? pipeline.Schedule : Schedule.Length == 0 ? null : Schedule,
        OnInputChange = OnInputChange ?? pipeline.OnInputChange,
        Checks = Checks ?? pipeline.Checks,
        Suppression = Suppression ?? pipeline.Suppression,
    };
}
