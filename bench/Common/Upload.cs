using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpenData.Bench;

/// <summary>
/// The HTTP side of publishing the tickets dataset: a department, a public dataset sorted by issued_at with plate
/// personal, the PUT of the file, and the version it made.
/// </summary>
public static class Upload
{
    public const string Department = "transport";
    public const string Dataset = "traffic-tickets";

    public sealed record Result(HttpStatusCode Status, TimeSpan Wall, TimeSpan BodySent, JsonNode? Body, string Raw);

    /// <summary>Creates the department (admin) and the dataset (its publisher); returns the publisher key.</summary>
    public static async Task<string> PrepareAsync(HttpClient client, string adminKey)
    {
        using var department = new HttpRequestMessage(HttpMethod.Post, "/api/v1/departments")
        {
            Content = JsonContent.Create(new { slug = Department, name = "Department of Transport", contact = "data@transport.example.gov" }),
        };
        department.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var created = await Expect(await client.SendAsync(department), HttpStatusCode.Created);
        var publisher = created["publisherKey"]!.GetValue<string>();

        using var dataset = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets")
        {
            Content = JsonContent.Create(new
            {
                department = Department,
                slug = Dataset,
                title = "Traffic tickets",
                description = "The reference workload: tickets(n) from ../shared/bench/tickets.sql.",
                keywords = new[] { "traffic", "benchmark" },
                access = "public",
                personalColumns = new[] { "plate" },
                sortColumns = new[] { "issued_at" },
            }),
        };
        dataset.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publisher);
        await Expect(await client.SendAsync(dataset), HttpStatusCode.Created);
        return publisher;
    }

    /// <summary>
    /// PUT …/data with the file streamed from disk (StreamContent over a FileStream, Content-Length set), with the
    /// department's publisher key or an admin key.
    /// </summary>
    public static async Task<Result> PutAsync(HttpClient client, string publisherKey, string csv, Stopwatch clock)
    {
        await using var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var body = new EndWatchingStream(file, clock);
        using var content = new StreamContent(body, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = file.Length;
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = Path.GetFileName(csv) };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/datasets/{Department}/{Dataset}/data") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publisherKey);

        var started = clock.Elapsed;
        using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var raw = await answer.Content.ReadAsStringAsync();
        var wall = clock.Elapsed - started;
        JsonNode? parsed = null;
        try
        {
            parsed = JsonNode.Parse(raw);
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return new Result(answer.StatusCode, wall, (body.EndedAt ?? clock.Elapsed) - started, parsed, raw);
    }

    /// <summary>
    /// <see cref="PutAsync"/> that fails unless the platform committed the file (201, or 200 for a new version of a
    /// dataset that has data), with the answer and the server log's tail.
    /// </summary>
    public static async Task<Result> CommitAsync(HttpClient client, PlatformServer server, string key, string csv)
    {
        var upload = await PutAsync(client, key, csv, Stopwatch.StartNew());
        return upload.Status is HttpStatusCode.Created or HttpStatusCode.OK
            ? upload
            : throw new InvalidOperationException($"The upload answered {(int)upload.Status}: {upload.Raw}\nserver log ({server.LogPath}):\n{server.Tail()}");
    }

    /// <summary>Creates the department and the dataset (<see cref="PrepareAsync"/>) and commits the file as its first version; returns the publisher key.</summary>
    public static async Task<(string PublisherKey, Result Upload)> PublishAsync(HttpClient client, PlatformServer server, string csv)
    {
        var publisher = await PrepareAsync(client, server.AdminKey);
        return (publisher, await CommitAsync(client, server, publisher, csv));
    }

    /// <summary>A version of one of the department's datasets: its rows, and its files as paths relative to the lake folder.</summary>
    public static async Task<(long Rows, IReadOnlyList<string> Files)> VersionAsync(HttpClient client, string key, string dataset, int number)
    {
        var version = await Expect(await SendAsync(client, HttpMethod.Get, $"/api/v1/datasets/{Department}/{dataset}/versions/{number}", key), HttpStatusCode.OK);
        return (version["rowCount"]!.GetValue<long>(), [.. version["files"]!.AsArray().Select(file => file!["path"]!.GetValue<string>())]);
    }

    /// <summary>A request without a body, with <paramref name="key"/> as its bearer token.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }

    /// <summary>The answer's JSON when its status is <paramref name="status"/>; otherwise an exception naming the request and the body.</summary>
    public static async Task<JsonNode> Expect(HttpResponseMessage answer, HttpStatusCode status)
    {
        using (answer)
        {
            var raw = await answer.Content.ReadAsStringAsync();
            return answer.StatusCode == status
                ? JsonNode.Parse(raw)!
                : throw new InvalidOperationException($"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri} answered {(int)answer.StatusCode}, not {(int)status}: {raw}");
        }
    }

    /// <summary>A read-only pass-through that notes when the last byte of the file was handed to HttpClient.</summary>
    private sealed class EndWatchingStream(Stream inner, Stopwatch clock) : Stream
    {
        public TimeSpan? EndedAt { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Note(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Note(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Note(int read)
        {
            if (read == 0)
            {
                EndedAt ??= clock.Elapsed;
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
