using System.CommandLine;
using System.Net.Http.Json;

namespace OpenData.Cli;

/// <summary><c>sql "query"</c>: runs one SELECT on the SQL endpoint and saves the answer in any format it writes.</summary>
public sealed class SqlCommand : Command
{
    private readonly Argument<string> _query = new("query")
    {
        Description = "One SELECT over \"department\".\"dataset\" views (see docs/sql.md)",
    };

    private readonly Option<string> _format = OutputOption.CreateFormat();

    private readonly Option<FileInfo> _output = OutputOption.CreateOutput();

    private readonly Option<int?> _maxRows = new("--max-rows") { Description = "At most this many rows (the server's default when absent)" };

    private readonly Option<int?> _timeout = new("--timeout-ms") { Description = "The query's time limit (the server's default when absent)" };

    public SqlCommand(CommandRunner runner)
        : base("sql", "Run a SQL query and write its answer as CSV, JSON, NDJSON or Parquet to stdout or a file")
    {
        Arguments.Add(_query);
        Options.Add(_format);
        Options.Add(_output);
        Options.Add(_maxRows);
        Options.Add(_timeout);
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var output = parseResult.GetValue(_output);
        var format = DataFormats.Resolve(parseResult.GetValue(_format), output);
        var body = new SqlRequest(parseResult.GetValue(_query)!, format, parseResult.GetValue(_maxRows), parseResult.GetValue(_timeout));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql") { Content = JsonContent.Create(body, CliJson.Default.SqlRequest) };
        using var response = await client.SendAsync(request, cancellationToken);
        await AnswerWriter.SaveAsync(response, output, terminal, $"the {format} answer", cancellationToken);
        return ExitCode.Success;
    }
}
