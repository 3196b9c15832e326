using System.CommandLine;

namespace OpenData.Cli;

/// <summary>What a command's handler works with: its parsed command line, the terminal and a client for the server.</summary>
public sealed record CommandContext(ParseResult ParseResult, Terminal Terminal, OpenDataClient Client);
