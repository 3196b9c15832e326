using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary><c>upload department/dataset file</c>: the file becomes the dataset's next version (<c>PUT …/data</c>).</summary>
public sealed class UploadCommand : Command
{
    private readonly Argument<DatasetName> _dataset = DatasetName.Argument("The dataset the file is published to");

    private readonly Argument<FileInfo> _file = new Argument<FileInfo>("file")
    {
        Description = "CSV, TSV, JSON, NDJSON, Parquet or xlsx; the format comes from --format, else the file's extension",
    }.AcceptExistingOnly();

    private readonly Option<string> _mode = new Option<string>("--mode", "-m")
    {
        Description = "replace: the file is the new version; append: added to it; upsert: merged by the dataset's primary key",
        DefaultValueFactory = _ => "replace",
    }.AcceptOnlyFromAmong("replace", "append", "upsert");

    private readonly Option<string> _format = new Option<string>("--format", "-f")
    {
        Description = "The file's format, when its extension does not say",
    }.AcceptOnlyFromAmong("csv", "tsv", "json", "ndjson", "parquet", "xlsx");

    private readonly Option<int?> _maxRejectedRows = new("--max-rejected-rows")
    {
        Description = "How many rows that do not fit may be left out (default 0: one refuses the file); exit code 7 when any were",
    };

    private readonly Option<bool> _json = JsonOption.Create();

    public UploadCommand(CommandRunner runner)
        : base("upload", "Upload a file as a dataset's next version, with a progress bar; print the version and its rows, and any rejected rows as a table")
    {
        Arguments.Add(_dataset);
        Arguments.Add(_file);
        Options.Add(_mode);
        Options.Add(_format);
        Options.Add(_maxRejectedRows);
        Options.Add(_json);
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var dataset = parseResult.GetValue(_dataset)!;
        var file = parseResult.GetValue(_file)!;
        var path = dataset.ApiPath + "/data" + QueryString.From(
            ("mode", parseResult.GetValue(_mode)),
            ("format", parseResult.GetValue(_format)),
            ("maxRejectedRows", parseResult.GetValue(_maxRejectedRows)?.ToString(CultureInfo.InvariantCulture)));

        var (status, body) = await TransferProgress.RunAsync(
            terminal, Terminal.StderrIsTerminal, $"uploading {file.Name}", file.Length,
            async progress =>
            {
                using var content = new StreamContent(new CountingStream(file.OpenRead(), progress.Advance));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                // The server takes the format from the file name when neither --format nor the content type says.
                content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = file.Name };
                using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
                using var response = await client.SendAsync(request, cancellationToken);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            },
            afterLastByte: $"{file.Name} sent, importing");

        var answer = JsonSerializer.Deserialize(body, CliJson.Default.UploadAnswer)!;
        if (parseResult.GetValue(_json))
        {
            Terminal.WriteData(body + Environment.NewLine);
        }
        else
        {
            terminal.Out.WriteLine(status == HttpStatusCode.OK ? Unchanged(dataset, answer) : Committed(dataset, answer));
        }
        if (answer.RejectedRows is not ({ } rejectedRows and > 0))
        {
            return ExitCode.Success;
        }
        var rejects = await RejectsAsync(client, dataset, answer.Version, cancellationToken);
        RejectsTable.Write(terminal, rejects, rejectedRows, $"Version {answer.Version} was committed without them.");
        return ExitCode.RowsRejected;
    }

    private static string Committed(DatasetName dataset, UploadAnswer answer) =>
        $"{dataset}: version {answer.Version} ({answer.Mode}), {answer.Rows} rows imported, {answer.RejectedRows ?? 0} rejected, "
        + $"{answer.VersionRows} rows in the version; {ByteSize.Format(answer.UploadedBytes)} in {answer.DurationMs / 1000.0:0.0} s";

    private static string Unchanged(DatasetName dataset, UploadAnswer answer) =>
        $"{dataset}: unchanged, version {answer.Version} already holds this file ({answer.VersionRows} rows)";

    /// <summary>The report the server kept of the rows it left out (<c>line,column,value,reason</c>).</summary>
    private static async Task<IReadOnlyList<Reject>> RejectsAsync(
        OpenDataClient client, DatasetName dataset, int version, CancellationToken cancellationToken)
    {
        var csv = await client.GetStringAsync($"{dataset.ApiPath}/versions/{version}/rejects", cancellationToken);
        return CsvRecords.Parse(csv)
            .Skip(1)
            .Select(fields => new Reject(
                long.Parse(fields[0], CultureInfo.InvariantCulture),
                fields[1].Length == 0 ? null : fields[1],
                fields[2],
                fields[3]))
            .ToList();
    }
}
