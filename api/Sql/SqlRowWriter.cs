using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// Streams a result to the response as DuckDB produces it, with memory bounded whatever the row count. The first
/// <see cref="LookaheadBytes"/> are held back: an answer that ends within them (most answers) is sent whole, with an
/// <c>X-Truncated</c> header saying whether max_rows cut it, and with a problem instead if the query fails in them.
/// A longer answer is sent on every <see cref="FlushBytes"/> once the look-ahead is full; whether it was cut is known
/// only at its end, so it comes as an <c>X-Truncated</c> trailer where the protocol carries trailers (HTTP/2).
/// Downloads write their cached copies with the same writers, into a file.
/// </summary>
/// <param name="fileName">The name the answer is offered to be saved as (Content-Disposition), or null to show it inline.</param>
public abstract class SqlRowWriter(SqlFormat format, string? fileName)
{
    /// <summary>Says whether max_rows cut the answer: a header, or a trailer on answers longer than the look-ahead.</summary>
    public const string TruncatedHeader = "X-Truncated";

    private const int LookaheadBytes = 1024 * 1024;
    private const int FlushBytes = 64 * 1024;

    private readonly Output _output = new();
    private ArrayBufferWriter<byte>? _lookahead = new();

    public static SqlRowWriter For(SqlFormat format, string? fileName = null) => format switch
    {
        SqlFormat.Json => new SqlJsonWriter(fileName),
        SqlFormat.Csv => new SqlCsvWriter(fileName),
        SqlFormat.Ndjson => new SqlNdjsonWriter(fileName),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Parquet is written by DuckDB, not row by row."),
    };

    /// <summary>True once bytes went to the client: the status and headers are gone, and a problem can no longer be sent.</summary>
    public bool Started => _lookahead is null;

    /// <summary>The bytes written so far.</summary>
    public long Bytes => _output.Written;

    /// <summary>Offers the response to be saved as <paramref name="fileName"/> (Content-Disposition: attachment).</summary>
    public static void Attach(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    /// <summary>Writes the rows from the reader's current one (<paramref name="hasRow"/> tells whether there is one).</summary>
    /// <param name="clock">The time since the request began, for formats that say it; null leaves it out.</param>
    /// <returns>The rows written.</returns>
    public async Task<long> WriteAsync(
        HttpResponse response, DuckDBDataReader reader, bool hasRow, long maxRows, Stopwatch? clock, CancellationToken cancellationToken)
    {
        _output.Target = _lookahead!;
        Begin(_output, reader);
        var (rows, more) = await WriteRowsAsync(reader, hasRow, maxRows, () => SendAsync(response, truncated: null, cancellationToken), cancellationToken);
        var sentBeforeTheEnd = Started;
        End(_output, truncated: more, clock?.ElapsedMilliseconds);
        await SendAsync(response, truncated: more, cancellationToken);
        if (sentBeforeTheEnd && SaysTruncatedOutside && response.SupportsTrailers())
        {
            response.AppendTrailer(TruncatedHeader, more ? "true" : "false");
        }
        return rows;
    }

    /// <summary>
    /// Writes every row of the reader into <paramref name="file"/>: no look-ahead, no headers and no elapsed time,
    /// so the same rows always make the same bytes (a download's cached copy).
    /// </summary>
    /// <returns>The rows written.</returns>
    public async Task<long> WriteAsync(Stream file, DuckDBDataReader reader, CancellationToken cancellationToken)
    {
        var target = PipeWriter.Create(file, new StreamPipeWriterOptions(leaveOpen: true));
        _lookahead = null;
        _output.Target = target;
        Begin(_output, reader);
        var hasRow = await reader.ReadAsync(cancellationToken);
        var (rows, _) = await WriteRowsAsync(reader, hasRow, long.MaxValue, async () =>
        {
            _output.Pending = 0;
            await target.FlushAsync(cancellationToken);
        }, cancellationToken);
        End(_output, truncated: false, elapsedMs: null);
        await target.FlushAsync(cancellationToken);
        await target.CompleteAsync();
        return rows;
    }

    protected abstract void Begin(IBufferWriter<byte> output, DuckDBDataReader reader);

    /// <summary>Writes one row; what it writes must be committed (advanced) to the output by the time it returns.</summary>
    protected abstract void Row(IBufferWriter<byte> output, DuckDBDataReader reader);

    /// <param name="elapsedMs">Null when the time is not to be said.</param>
    protected abstract void End(IBufferWriter<byte> output, bool truncated, long? elapsedMs);

    /// <summary>False for formats that say it in their body (JSON's "truncated").</summary>
    protected virtual bool SaysTruncatedOutside => true;

    /// <summary>Writes rows until <paramref name="maxRows"/>, calling <paramref name="flush"/> whenever enough is pending.</summary>
    /// <returns>The rows written, and whether the reader had more (one row more than max_rows tells whether the answer was cut).</returns>
    private async Task<(long Rows, bool More)> WriteRowsAsync(
        DuckDBDataReader reader, bool hasRow, long maxRows, Func<Task> flush, CancellationToken cancellationToken)
    {
        long rows = 0;
        while (hasRow && rows < maxRows)
        {
            Row(_output, reader);
            rows++;
            if (_output.Pending >= (Started ? FlushBytes : LookaheadBytes))
            {
                await flush();
            }
            hasRow = await reader.ReadAsync(cancellationToken);
        }
        return (rows, hasRow);
    }

    /// <summary>Starts the response if it has not started (with the header when <paramref name="truncated"/> is known), then sends what is pending.</summary>
    private async Task SendAsync(HttpResponse response, bool? truncated, CancellationToken cancellationToken)
    {
        if (_lookahead is not null)
        {
            response.ContentType = SqlFormats.ContentType(format);
            if (fileName is not null)
            {
                Attach(response, fileName);
            }
            if (SaysTruncatedOutside && truncated is { } cut)
            {
                response.Headers[TruncatedHeader] = cut ? "true" : "false";
            }
            else if (SaysTruncatedOutside && response.SupportsTrailers())
            {
                response.DeclareTrailer(TruncatedHeader);
            }
            response.BodyWriter.Write(_lookahead.WrittenSpan);
            _output.Target = response.BodyWriter;
            _lookahead = null;
        }
        _output.Pending = 0;
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>Where the format writes: the look-ahead, then the response; counts what is not yet sent.</summary>
    private sealed class Output : IBufferWriter<byte>
    {
        public IBufferWriter<byte> Target { get; set; } = null!;

        public long Pending { get; set; }

        public long Written { get; private set; }

        public void Advance(int count)
        {
            Target.Advance(count);
            Pending += count;
            Written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Target.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Target.GetSpan(sizeHint);
    }
}
