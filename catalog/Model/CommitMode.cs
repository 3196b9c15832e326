namespace OpenData.Catalog;

/// <summary>How a version was made from the one before it.</summary>
public enum CommitMode
{
    /// <summary>A new full snapshot.</summary>
    Replace,

    /// <summary>The previous files plus new files.</summary>
    Append,

    /// <summary>The previous rows merged with new rows by primary key.</summary>
    Upsert,
}
