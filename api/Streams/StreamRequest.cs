namespace OpenData.Api;

/// <summary>The body of <c>PUT /api/v1/datasets/{department}/{dataset}/stream</c>.</summary>
/// <param name="Topic">The Kafka topic whose records become the dataset's rows.</param>
/// <param name="Format">The message format: <c>json</c> (one object per message), the default.</param>
/// <param name="FlushIntervalMs">A batch is committed at the latest this long after its first record; default 2000.</param>
/// <param name="FlushSize">A batch is committed as soon as it holds this many records; default 50,000.</param>
public sealed record StreamRequest(string? Topic, string? Format = null, int? FlushIntervalMs = null, int? FlushSize = null);
