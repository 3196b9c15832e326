namespace OpenData.Lake;

/// <summary>Settings of the lake; the api host binds them with <c>BindConfiguration(nameof(LakeOptions))</c>.</summary>
public sealed class LakeOptions
{
    /// <summary>The data folder: the lake lives in <c>lake/</c> and files being written in <c>staging/</c> below it.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long a version stays readable (time travel) after it stopped being current.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Unreferenced files younger than this are left alone by the janitor: a commit moves its files into the
    /// lake before the catalog transaction that references them, so new files are briefly unreferenced.
    /// It must be longer than any commit takes from moving files to recording the version.
    /// </summary>
    public TimeSpan JanitorGracePeriod { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Rows per Parquet row group. Smaller groups let selective queries skip more data through row-group
    /// statistics; larger ones compress better. DuckDB's own default is a good middle.
    /// </summary>
    public int RowGroupSize { get; set; } = 122_880;

    /// <summary>How often the host runs retention and then the janitor (the first run is one interval after start).</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a commit is rebuilt on a newer current version before giving up.</summary>
    public int MaxCommitAttempts { get; set; } = 5;
}
