using System.CommandLine;

namespace OpenData.Cli;

/// <summary><c>--server</c> and <c>--key</c>, on every command, with <c>OPENDATA_SERVER</c> and <c>OPENDATA_KEY</c> when absent.</summary>
public sealed class ServerOptions
{
    public const string ServerVariable = "OPENDATA_SERVER";
    public const string KeyVariable = "OPENDATA_KEY";
    public const string DefaultServer = "http://localhost:5000";

    public Option<string> Server { get; } = new("--server", "-s")
    {
        Description = $"The platform's address [env: {ServerVariable}]",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DefaultServer,
    };

    // No default shown in help, so that --help never prints a key.
    public Option<string> Key { get; } = new("--key", "-k")
    {
        Description = $"API key, sent as a bearer token; none means anonymous [env: {KeyVariable}]",
        Recursive = true,
    };

    public OpenDataClient Connect(ParseResult parseResult)
    {
        var server = parseResult.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCode.Usage, $"'{server}' is not an http:// or https:// address (--server or {ServerVariable}).");
        }
        var key = parseResult.GetValue(Key) ?? Environment.GetEnvironmentVariable(KeyVariable);
        return new OpenDataClient(address, string.IsNullOrEmpty(key) ? null : key);
    }
}
