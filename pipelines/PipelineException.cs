namespace OpenData.Pipelines;

/// <summary>
/// A pipeline definition or run the engine refuses, with the field at fault (<c>sql</c>, <c>schedule</c>, …). Refusals
/// are deterministic: a run that fails with one is not retried.
/// </summary>
public sealed class PipelineException(string field, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Field { get; } = field;
}
