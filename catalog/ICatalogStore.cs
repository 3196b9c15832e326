namespace OpenData.Catalog;

/// <summary>
/// The catalog: the single source of truth for departments, datasets and their versions.
/// Get methods return null when the thing asked for does not exist; other methods throw
/// <see cref="CatalogException"/> with <see cref="CatalogErrorKind.NotFound"/> when a department or dataset
/// they name does not exist. Implementations are safe to share between threads.
/// </summary>
public interface ICatalogStore
{
    /// <exception cref="CatalogException">AlreadyExists, InvalidValue.</exception>
    /// <summary>
    /// Moves after every write this store commits, so that a reader may keep what it read while the number has not
    /// moved. Writes by another program on the same catalog files are not counted: the platform's host is the one
    /// program that writes its catalog.
    /// </summary>
    long Changes { get; }

    Task<Department> CreateDepartmentAsync(Department department, CancellationToken cancellationToken = default);

    Task<Department?> GetDepartmentAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>All departments, by slug.</summary>
    Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a new dataset without versions and returns it as stored.</summary>
    /// <exception cref="CatalogException">NotFound (department), AlreadyExists, InvalidValue.</exception>
    Task<Dataset> CreateDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default);

    /// <summary>Replaces the metadata of the dataset named by Department and Slug; never moves the current version.</summary>
    /// <exception cref="CatalogException">NotFound, InvalidValue.</exception>
    Task<Dataset> UpdateDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default);

    Task<Dataset?> GetDatasetAsync(string department, string slug, CancellationToken cancellationToken = default);

    /// <summary>All datasets, or one department's, by department and slug.</summary>
    Task<IReadOnlyList<Dataset>> ListDatasetsAsync(string? department = null, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over title, description and keywords, best match first, with filters.</summary>
    Task<IReadOnlyList<Dataset>> SearchDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: records the version with its files, schema and statistics, and moves the dataset's
    /// current pointer to it. The new number is <paramref name="expectedCurrentVersion"/> + 1.
    /// </summary>
    /// <param name="expectedCurrentVersion">The current version the caller built on; null when it expects none.</param>
    /// <exception cref="CatalogException">VersionConflict when the current version differs (nothing is written);
    /// NotFound; InvalidValue.</exception>
    Task<DatasetVersion> CommitVersionAsync(
        VersionCommit commit, int? expectedCurrentVersion, CancellationToken cancellationToken = default);

    Task<DatasetVersion?> GetVersionAsync(
        string department, string dataset, int number, CancellationToken cancellationToken = default);

    /// <summary>Records what the dataset's quality checks found on a version (replacing an earlier record).</summary>
    /// <exception cref="CatalogException">NotFound: no such dataset or version.</exception>
    Task RecordVersionChecksAsync(
        string department, string dataset, int number, IReadOnlyList<VersionCheck> checks, CancellationToken cancellationToken = default);

    /// <summary>The dataset's versions still kept, newest first.</summary>
    Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(
        string department, string dataset, CancellationToken cancellationToken = default);

    /// <summary>The newest version made from an upload with this SHA-256, or null.</summary>
    Task<VersionSummary?> FindVersionBySourceAsync(
        string department, string dataset, string sourceSha256, CancellationToken cancellationToken = default);

    /// <summary>Versions of every dataset that stopped being current before <paramref name="cutoff"/>.
    /// A current version is never listed.</summary>
    Task<IReadOnlyList<VersionSummary>> ListExpiredVersionsAsync(
        DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes these versions of one dataset (numbers that do not exist are ignored) and returns the files that
    /// no remaining version references, for the janitor to remove. Files shared with kept versions are not returned.
    /// </summary>
    /// <exception cref="CatalogException">VersionConflict when a number is the current version (nothing is
    /// deleted); NotFound.</exception>
    Task<IReadOnlyList<VersionFile>> DeleteVersionsAsync(
        string department, string dataset, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken = default);

    /// <summary>Every file path that any kept version references: what the janitor must not remove.</summary>
    Task<IReadOnlySet<string>> ListReferencedFilePathsAsync(CancellationToken cancellationToken = default);

    /// <summary>Binds the dataset to a topic, or changes its binding; returns it as stored.</summary>
    /// <exception cref="CatalogException">NotFound (dataset or rejects dataset); AlreadyExists when another dataset
    /// is bound to the topic; InvalidValue.</exception>
    Task<StreamBinding> PutStreamAsync(StreamBinding stream, CancellationToken cancellationToken = default);

    /// <summary>Every stream, by department and dataset.</summary>
    Task<IReadOnlyList<StreamBinding>> ListStreamsAsync(CancellationToken cancellationToken = default);

    /// <summary>Where the dataset stands in each topic partition it has taken records from (see
    /// <see cref="VersionCommit.StreamOffsets"/>), by topic and partition.</summary>
    /// <exception cref="CatalogException">NotFound.</exception>
    Task<IReadOnlyList<StreamPosition>> GetStreamPositionsAsync(
        string department, string dataset, CancellationToken cancellationToken = default);
}
