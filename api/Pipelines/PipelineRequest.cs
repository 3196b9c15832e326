using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>The body of POST /api/v1/pipelines; everything nullable so that a missing field is answered with a problem naming it.</summary>
public sealed record PipelineRequest : PipelinePatch
{
    public string? Name { get; init; }
    public string? Department { get; init; }

    /// <summary>The first required field that is missing, or null.</summary>
    public string? MissingField() =>
        string.IsNullOrWhiteSpace(Name) ? "name"
        : string.IsNullOrWhiteSpace(Department) ? "department"
        : string.IsNullOrWhiteSpace(Sql) ? "sql"
        : Target is null ? "target"
        : null;

    public Pipeline ToPipeline(string createdBy) =>
        ApplyTo(new Pipeline { Name = Name!, Department = Department!, Sql = Sql!, Target = Target!, CreatedBy = createdBy });
}
