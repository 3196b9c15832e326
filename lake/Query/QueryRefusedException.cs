namespace OpenData.Lake.Query;

/// <summary>A query that the sandbox will not run, with a message saying what was refused and what is allowed.</summary>
public sealed class QueryRefusedException(string message) : Exception(message);
