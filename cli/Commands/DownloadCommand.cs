using System.CommandLine;
using System.Globalization;

namespace OpenData.Cli;

/// <summary><c>download department/dataset</c>: a version of a dataset as a file (<c>GET /data/…</c>), streamed.</summary>
public sealed class DownloadCommand : Command
{
    private readonly Argument<DatasetName> _dataset = DatasetName.Argument("The dataset to download");

    private readonly Option<string> _format = OutputOption.CreateFormat();

    private readonly Option<FileInfo> _output = OutputOption.CreateOutput();

    private readonly Option<int?> _version = new("--version")
    {
        Description = "This version instead of the current one, while the server keeps it",
    };

    public DownloadCommand(CommandRunner runner)
        : base("download", "Download a dataset as CSV, JSON, NDJSON or Parquet to stdout or a file, with a progress bar")
    {
        Arguments.Add(_dataset);
        Options.Add(_format);
        Options.Add(_output);
        Options.Add(_version);
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var dataset = parseResult.GetValue(_dataset)!;
        var output = parseResult.GetValue(_output);
        var format = DataFormats.Resolve(parseResult.GetValue(_format), output);
        var path = dataset.DownloadPath(format) + QueryString.From(("version", parseResult.GetValue(_version)?.ToString(CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await client.SendAsync(request, cancellationToken);
        // The server names the file after the version it holds (traffic-tickets-v3.csv), which says what was saved.
        var served = response.Content.Headers.ContentDisposition is { } disposition
            ? (disposition.FileNameStar ?? disposition.FileName)?.Trim('"')
            : null;
        await AnswerWriter.SaveAsync(response, output, terminal, served ?? $"{dataset}.{format}", cancellationToken);
        return ExitCode.Success;
    }
}
