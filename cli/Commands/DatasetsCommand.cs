using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary><c>datasets [text]</c>: lists the datasets the key may see, or searches them (<c>GET /api/v1/datasets</c>).</summary>
public sealed class DatasetsCommand : Command
{
    private readonly Argument<string?> _text = new("text")
    {
        Description = "Words to search for in titles, descriptions and keywords; none lists every dataset",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string> _department = new("--department", "-d") { Description = "Only this department's datasets" };

    private readonly Option<string[]> _keyword = new("--keyword") { Description = "Only datasets with this keyword (repeatable: all must match)" };

    private readonly Option<int?> _limit = new("--limit") { Description = "Datasets per page (the server's default when absent)" };

    private readonly Option<int?> _offset = new("--offset") { Description = "Datasets to skip, to read further pages" };

    private readonly Option<bool> _json = JsonOption.Create();

    public DatasetsCommand(CommandRunner runner)
        : base("datasets", "List and search the datasets the key may see; 'datasets show' describes one")
    {
        Arguments.Add(_text);
        Options.Add(_department);
        Options.Add(_keyword);
        Options.Add(_limit);
        Options.Add(_offset);
        Options.Add(_json);
        Subcommands.Add(new DatasetsShowCommand(runner));
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var keywords = (parseResult.GetValue(_keyword) ?? []).Select(keyword => ("keyword", (string?)keyword));
        var query = QueryString.From(
            [
                ("q", parseResult.GetValue(_text)),
                ("department", parseResult.GetValue(_department)),
                .. keywords,
                ("limit", parseResult.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture)),
                ("offset", parseResult.GetValue(_offset)?.ToString(CultureInfo.InvariantCulture)),
            ]);
        var body = await client.GetStringAsync("/api/v1/datasets" + query, cancellationToken);
        if (parseResult.GetValue(_json))
        {
            Terminal.WriteData(body + Environment.NewLine);
            return ExitCode.Success;
        }

        var page = JsonSerializer.Deserialize(body, CliJson.Default.DatasetPage)!;
        if (page.Items.Count == 0)
        {
            terminal.Error.WriteLine("No datasets found.");
            return ExitCode.Success;
        }
        var table = new Table().AddColumns("dataset", "title", "access", "version", "updated (UTC)");
        foreach (var dataset in page.Items)
        {
            table.AddRow(
                new Text(dataset.Name),
                new Text(dataset.Title),
                new Text(dataset.Access),
                new Text(dataset.CurrentVersion is { } version ? $"v{version}" : "-"),
                new Text(dataset.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        }
        terminal.Out.Write(table);
        if (page.NextOffset is { } next)
        {
            terminal.Error.WriteLine($"More datasets: add --offset {next}.");
        }
        return ExitCode.Success;
    }
}
