namespace OpenData.Samples;

/// <summary>
/// One sample dataset: how the seeder describes it in the catalog (the body of POST /api/v1/datasets) and how its
/// CSV file is generated. <see cref="Write"/> is deterministic: the same rows give the same bytes on every run.
/// </summary>
public abstract class SampleDataset
{
    public abstract string Department { get; }
    public abstract string DepartmentName { get; }
    public abstract string Slug { get; }
    public abstract string Title { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<string> Keywords { get; }
    public abstract string Theme { get; }
    public virtual string Licence => "CC-BY-4.0";

    /// <summary>"public", "internal" or "restricted", as the API spells it.</summary>
    public abstract string Access { get; }
    public virtual string UpdateFrequency => "monthly";
    /// <summary>The columns in file order with their DuckDB types: sent as the dataset's schema contract.</summary>
    public abstract IReadOnlyList<SampleColumn> Schema { get; }
    public IReadOnlyList<string> Columns => [.. Schema.Select(column => column.Name)];
    public abstract IReadOnlyList<string> PersonalColumns { get; }
    public abstract IReadOnlyList<string> PrimaryKey { get; }
    public abstract IReadOnlyList<string> SortColumns { get; }

    /// <summary>The public aggregate a pipeline publishes from this dataset's records.</summary>
    public abstract SampleAggregate Aggregate { get; }

    /// <summary>The body of POST /api/v1/pipelines that defines <see cref="Aggregate"/>'s pipeline.</summary>
    /// <param name="triggered">Run on <see cref="SampleAggregate.Schedule"/> and when the records change; else only when asked.</param>
    public object AggregatePipeline(bool triggered, params object[] checks) => new
    {
        name = Aggregate.Name,
        department = Department,
        sql = Aggregate.Sql,
        target = new
        {
            dataset = Aggregate.Name,
            title = Aggregate.Title,
            description = Aggregate.Description,
            access = "public",
            licence = Licence,
            columnDescriptions = Aggregate.ColumnDescriptions,
        },
        mode = "replace",
        schedule = triggered ? SampleAggregate.Schedule : null,
        onInputChange = triggered,
        suppression = new { countColumn = Aggregate.CountColumn, measures = Aggregate.Measures, dimensions = Aggregate.Dimensions },
        checks,
    };

    /// <summary>The file name the seeder writes and uploads.</summary>
    public string FileName => $"{Slug}.csv";

    /// <summary>Writes the header and <paramref name="rows"/> rows as CSV; leaves the stream open.</summary>
    public void Write(Stream stream, long rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        using var csv = new SampleCsv(stream, leaveOpen: true);
        csv.Row([.. Columns]);
        for (long row = 1; row <= rows; row++)
        {
            WriteRow(csv, row);
        }
    }

    /// <summary>Row number <paramref name="row"/> as one JSON object in UTF-8, typed by <see cref="Schema"/>: the record a
    /// department streams to Kafka (see ../Producer).</summary>
    public byte[] JsonRecord(long row)
    {
        var json = new SampleJson(Schema);
        WriteRow(json, row);
        return json.Record;
    }

    /// <summary>Writes row number <paramref name="row"/> (1-based): a pure function of the number.</summary>
    protected abstract void WriteRow(ISampleRow fields, long row);

    /// <summary>The three samples: traffic tickets, hospital appointments, utility bills.</summary>
    public static IReadOnlyList<SampleDataset> All { get; } = [new TrafficTickets(), new HospitalAppointments(), new UtilityBills()];

    /// <summary>Shanghai's sixteen districts (as in tickets.sql).</summary>
    public static readonly string[] Districts =
    [
        "Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu", "Minhang",
        "Baoshan", "Jiading", "Pudong", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming",
    ];
}

/// <summary>A column of a sample and of its schema contract (the API's <c>contract</c> entries).</summary>
public sealed record SampleColumn(string Name, string Type, bool Nullable, string Description);
