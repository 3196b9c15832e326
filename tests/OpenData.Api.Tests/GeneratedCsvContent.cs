using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OpenData.Api.Tests;

/// <summary>
/// A large CSV (<c>id,district,fine</c>, ids 1..rows) generated while it is sent, never held in memory.
/// <see cref="HalfSent"/> and <see cref="FullySent"/> complete when half and all of the body is written.
/// </summary>
public sealed class GeneratedCsvContent : HttpContent
{
    private readonly long _rows;

    public GeneratedCsvContent(long rows)
    {
        _rows = rows;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    }

    public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FullySent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The sum of the ids: with the row count, tells the whole file from a part of it.</summary>
    public static long IdSum(long rows) => rows * (rows + 1) / 2;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new StringBuilder("id,district,fine\n");
        for (var id = 1L; id <= _rows; id++)
        {
            chunk.Append(id).Append(",district-").Append(id % 37).Append(',').Append(id % 500).Append(".50\n");
            if (chunk.Length > 60_000 || id == _rows)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToString()));
                chunk.Clear();
            }
            if (id == _rows / 2)
            {
                HalfSent.TrySetResult();
            }
        }
        await stream.FlushAsync();
        FullySent.TrySetResult();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
