namespace OpenData.Lake;

/// <summary>Whether a <see cref="LakeCompaction"/> run committed a version, and if not, why.</summary>
public enum CompactionOutcome
{
    /// <summary>A new version holds the same rows in fewer files.</summary>
    Compacted,

    /// <summary>Nothing to do: no version yet, too few files, or no fewer files to be had.</summary>
    NotNeeded,

    /// <summary>A commit other than an append (or a change of the dataset's layout or privacy) came first, or new
    /// versions came first at every attempt to commit; the new files were removed and the next run starts afresh.</summary>
    Superseded,
}
