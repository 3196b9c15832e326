using System.Buffers;
using System.Diagnostics;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// Streams a result to the response as DuckDB produces it, with memory bounded whatever the row count. The first
/// <see cref="LookaheadBytes"/> are held back: an answer that ends within them (most answers) is sent whole, with an
/// <c>X-Truncated</c> header saying whether max_rows cut it, and with a problem instead if the query fails in them.
/// A longer answer is sent on every <see cref="FlushBytes"/> once the look-ahead is full; whether it was cut is known
/// only at its end, so it comes as an <c>X-Truncated</c> trailer where the protocol carries trailers (HTTP/2).
/// </summary>
public abstract class SqlRowWriter
{
    /// <summary>Says whether max_rows cut the answer: a header, or a trailer on answers longer than the look-ahead.</summary>
    public const string TruncatedHeader = "X-Truncated";

    private const int LookaheadBytes = 1024 * 1024;
    private const int FlushBytes = 64 * 1024;

    private readonly Output _output = new();
    private ArrayBufferWriter<byte>? _lookahead = new();

    public static SqlRowWriter For(SqlFormat format) => format switch
    {
        SqlFormat.Json => new SqlJsonWriter(),
        SqlFormat.Csv => new SqlCsvWriter(),
        SqlFormat.Ndjson => new SqlNdjsonWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Parquet is written by DuckDB, not row by row."),
    };

    /// <summary>True once bytes went to the client: the status and headers are gone, and a problem can no longer be sent.</summary>
    public bool Started => _lookahead is null;

    /// <summary>Writes the rows from the reader's current one (<paramref name="hasRow"/> tells whether there is one).</summary>
    /// <returns>The rows written.</returns>
    public async Task<long> WriteAsync(
        HttpResponse response, DuckDBDataReader reader, bool hasRow, long maxRows, Stopwatch clock, CancellationToken cancellationToken)
    {
        _output.Target = _lookahead!;
        Begin(_output, reader);
        long rows = 0;
        while (hasRow && rows < maxRows)
        {
            Row(_output, reader);
            rows++;
            if (_output.Pending >= (Started ? FlushBytes : LookaheadBytes))
            {
                await SendAsync(response, truncated: null, cancellationToken);
            }
            // One row more than max_rows tells whether the answer was cut.
            hasRow = await reader.ReadAsync(cancellationToken);
        }
        var sentBeforeTheEnd = Started;
        End(_output, truncated: hasRow, clock.ElapsedMilliseconds);
        await SendAsync(response, truncated: hasRow, cancellationToken);
        if (sentBeforeTheEnd && SaysTruncatedOutside && response.SupportsTrailers())
        {
            response.AppendTrailer(TruncatedHeader, hasRow ? "true" : "false");
        }
        return rows;
    }

    /// <summary>Sets the content type and any header of the format.</summary>
    protected abstract void Start(HttpResponse response);

    protected abstract void Begin(IBufferWriter<byte> output, DuckDBDataReader reader);

    /// <summary>Writes one row; what it writes must be committed (advanced) to the output by the time it returns.</summary>
    protected abstract void Row(IBufferWriter<byte> output, DuckDBDataReader reader);

    protected abstract void End(IBufferWriter<byte> output, bool truncated, long elapsedMs);

    /// <summary>False for formats that say it in their body (JSON's "truncated").</summary>
    protected virtual bool SaysTruncatedOutside => true;

    /// <summary>Starts the response if it has not started (with the header when <paramref name="truncated"/> is known), then sends what is pending.</summary>
    private async Task SendAsync(HttpResponse response, bool? truncated, CancellationToken cancellationToken)
    {
        if (_lookahead is not null)
        {
            Start(response);
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

        public void Advance(int count)
        {
            Target.Advance(count);
            Pending += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Target.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Target.GetSpan(sizeHint);
    }
}
