namespace OpenData.Cli;

/// <summary>The check that stopped a run before its result was committed.</summary>
public sealed record CheckFailure(string Check, string Message);
