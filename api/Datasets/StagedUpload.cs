using OpenData.Ingest;

namespace OpenData.Api;

/// <summary>An upload written to <c>&lt;data&gt;/staging/uploads/</c>, with the SHA-256 computed on the way in.</summary>
public sealed record StagedUpload(string Path, string FileName, ImportFormat Format, long Bytes, string Sha256);
