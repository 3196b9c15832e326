namespace OpenData.Catalog;

/// <summary>
/// The catalog's pipelines, their runs and the lineage of derived versions. Same conventions as
/// <see cref="ICatalogStore"/>: get methods return null for what does not exist; others throw
/// <see cref="CatalogException"/>. Implementations are safe to share between threads.
/// </summary>
public interface IPipelineStore
{
    /// <exception cref="CatalogException">NotFound (department), AlreadyExists, InvalidValue.</exception>
    Task<Pipeline> CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken = default);

    /// <summary>Replaces the definition of the pipeline named by Name; its department cannot change.</summary>
    /// <exception cref="CatalogException">NotFound, InvalidValue.</exception>
    Task<Pipeline> UpdatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken = default);

    Task<Pipeline?> GetPipelineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>All pipelines, or one department's, by name.</summary>
    Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(string? department = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the pipeline and its runs; the target dataset and its versions (and their lineage) stay.</summary>
    /// <exception cref="CatalogException">NotFound.</exception>
    Task DeletePipelineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Records a run as it starts and returns it with its id.</summary>
    /// <exception cref="CatalogException">NotFound (pipeline).</exception>
    Task<PipelineRun> StartRunAsync(PipelineRun run, CancellationToken cancellationToken = default);

    /// <summary>Records how the run identified by Id ended: status, end, rows, inputs, output, error.</summary>
    /// <exception cref="CatalogException">NotFound.</exception>
    Task<PipelineRun> FinishRunAsync(PipelineRun run, CancellationToken cancellationToken = default);

    Task<PipelineRun?> GetRunAsync(string pipeline, long id, CancellationToken cancellationToken = default);

    /// <summary>The pipeline's runs, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PipelineRun>> ListRunsAsync(string pipeline, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks every run still recorded as running as failed with <paramref name="error"/>: on start, a run
    /// of an earlier process that stopped mid-run.</summary>
    Task<int> FailUnfinishedRunsAsync(string error, CancellationToken cancellationToken = default);

    /// <summary>The lineage edges of every dataset upstream and downstream of this one, this one's included.</summary>
    /// <exception cref="CatalogException">NotFound.</exception>
    Task<IReadOnlyList<LineageEdge>> ListLineageAsync(string department, string dataset, CancellationToken cancellationToken = default);
}
