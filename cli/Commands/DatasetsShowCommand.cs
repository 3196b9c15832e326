using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary><c>datasets show department/dataset</c>: metadata, current version and schema with statistics.</summary>
public sealed class DatasetsShowCommand : Command
{
    private readonly Argument<DatasetName> _dataset = DatasetName.Argument("The dataset to describe");

    private readonly Option<bool> _json = JsonOption.Create();

    public DatasetsShowCommand(CommandRunner runner)
        : base("show", "Describe a dataset: metadata, current version, and its columns with statistics")
    {
        Arguments.Add(_dataset);
        Options.Add(_json);
        runner.Handle(this, RunAsync);
    }

    private async Task<ExitCode> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (parseResult, terminal, client) = context;
        var body = await client.GetStringAsync(parseResult.GetValue(_dataset)!.ApiPath, cancellationToken);
        if (parseResult.GetValue(_json))
        {
            Terminal.WriteData(body + Environment.NewLine);
            return ExitCode.Success;
        }

        var details = JsonSerializer.Deserialize(body, CliJson.Default.DatasetDetails)!;
        Terminal.WriteData(Metadata(details));
        if (details.Schema.Count > 0)
        {
            terminal.Out.Write(Columns(details));
        }
        return ExitCode.Success;
    }

    /// <summary>One "name  value" line per field that has a value.</summary>
    private static string Metadata(DatasetDetails details)
    {
        var dataset = details.Dataset;
        (string Name, string? Value)[] fields =
        [
            ("dataset", dataset.Name),
            ("title", dataset.Title),
            ("description", dataset.Description),
            ("access", dataset.Access),
            ("licence", dataset.Licence),
            ("theme", dataset.Theme),
            ("keywords", string.Join(", ", dataset.Keywords ?? [])),
            ("updates", dataset.UpdateFrequency),
            ("primary key", string.Join(", ", dataset.PrimaryKey ?? [])),
            ("personal", string.Join(", ", dataset.PersonalColumns ?? [])),
            ("version", details.CurrentVersion is { } version ? Describe(version) : "none yet"),
        ];
        return string.Concat(fields
            .Where(field => !string.IsNullOrEmpty(field.Value))
            .Select(field => $"{field.Name,-12} {field.Value}{Environment.NewLine}"));
    }

    private static string Describe(VersionInfo version) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{version.Number} ({version.Mode}, {version.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {version.CreatedBy}), "
            + $"{version.RowCount} rows, {ByteSize.Format(version.Bytes)}");

    /// <summary>One row per column, with its statistics where the key may see them.</summary>
    private static Table Columns(DatasetDetails details)
    {
        var statistics = details.Statistics.ToDictionary(column => column.Column);
        var personal = details.Dataset.PersonalColumns ?? [];
        var table = new Table().AddColumns("column", "type", "title", "nulls", "min", "max", "personal");
        foreach (var column in details.Schema)
        {
            var stats = statistics.GetValueOrDefault(column.Name);
            table.AddRow(
                new Text(column.Name),
                new Text(column.Type),
                new Text(column.Title ?? ""),
                new Text(stats?.NullCount.ToString(CultureInfo.InvariantCulture) ?? ""),
                new Text(stats?.Min ?? ""),
                new Text(stats?.Max ?? ""),
                new Text(personal.Contains(column.Name) ? "yes" : ""));
        }
        return table;
    }
}
