using System.Globalization;

namespace OpenData.Samples;

/// <summary>The producer's command line: what to stream (<c>--kind</c>), where (<c>--bootstrap-servers</c>,
/// <c>--topic</c>), how fast (<c>--rate</c>), from which row and how many.</summary>
public sealed record ProducerOptions(string BootstrapServers, SampleDataset Sample, string Kind, string Topic, double Rate, long From, long? Count)
{
    public const string Usage =
        "usage: Producer --bootstrap-servers HOST:PORT [--kind tickets|appointments|bills] [--topic TOPIC] [--rate PER_SECOND] [--from ROW] [--count N]\n" +
        "  --kind     tickets (transport, cameras), appointments (health, bookings), bills (utilities, monthly meter readings); default tickets\n" +
        "  --topic    default <department>.<dataset>, such as transport.traffic-tickets\n" +
        "  --rate     records a second, default 100\n" +
        "  --from     the first row number (rows are deterministic: a row number is a record), default 1\n" +
        "  --count    stop after this many records; default: until Ctrl+C\n" +
        "The brokers can also come from the environment variable KAFKA_BOOTSTRAP_SERVERS.";

    /// <summary>The samples by the name <c>--kind</c> gives them.</summary>
    public static IReadOnlyDictionary<string, SampleDataset> Kinds { get; } = new Dictionary<string, SampleDataset>
    {
        ["tickets"] = new TrafficTickets(),
        ["appointments"] = new HospitalAppointments(),
        ["bills"] = new UtilityBills(),
    };

    /// <returns>The options, or null for --help.</returns>
    /// <exception cref="ArgumentException">An unknown or malformed argument.</exception>
    public static ProducerOptions? Parse(string[] args)
    {
        var bootstrap = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        var kind = "tickets";
        string? topic = null;
        double rate = 100;
        long from = 1;
        long? count = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--bootstrap-servers": bootstrap = Next(); break;
                case "--kind": kind = Next(); break;
                case "--topic": topic = Next(); break;
                case "--rate": rate = Positive(Next(), "--rate"); break;
                case "--from": from = (long)Positive(Next(), "--from"); break;
                case "--count": count = (long)Positive(Next(), "--count"); break;
                case "-h" or "--help": return null;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            throw new ArgumentException("No brokers: pass --bootstrap-servers HOST:PORT (a host with Kafka:Embedded=true shows its address in /health).");
        }
        if (!Kinds.TryGetValue(kind, out var sample))
        {
            throw new ArgumentException($"--kind must be one of {string.Join(", ", Kinds.Keys)}, not '{kind}'.");
        }
        return new ProducerOptions(bootstrap, sample, kind, topic ?? $"{sample.Department}.{sample.Slug}", rate, from, count);
    }

    private static double Positive(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive number, not '{text}'.");
}
