namespace OpenData.Lake;

/// <summary>What a retention or janitor run removed.</summary>
public sealed record LakeCleanupResult(int VersionsDeleted, int FilesDeleted, long BytesDeleted);
