using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace OpenData.Api;

/// <summary>
/// A whole-file download being made (<see cref="DownloadCache"/>): where its bytes are being written, and when the
/// file is done. The writers only append, so a reader that follows the growing file gets the finished file's bytes.
/// </summary>
public sealed class DownloadMaking(string path)
{
    /// <summary>How often a reader that caught up with the writer looks for more.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly TaskCompletionSource<string> _growing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the file is in its place, or fails with what stopped it.</summary>
    public Task Done { get; internal set; } = Task.CompletedTask;

    /// <summary>Said by the writer before it writes its first byte: the file it appends to.</summary>
    internal void WritingTo(string growing) => _growing.TrySetResult(growing);

    /// <summary>Waits until bytes are being written or the file is done; throws what stopped the making before it wrote.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_growing.Task, Done).WaitAsync(cancellationToken);
        if (Done.IsFaulted || Done.IsCanceled)
        {
            await Done;
        }
    }

    /// <summary>Copies the file to <paramref name="destination"/> as it grows, to its end; returns the bytes copied.</summary>
    /// <exception cref="Exception">Whatever stopped the making, once the bytes written until then are copied.</exception>
    public async Task<long> CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var file = await OpenAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            long offset = 0;
            while (true)
            {
                // Everything was written before the making ended: read after seeing it ended, nothing is missed.
                var ended = Done.IsCompleted;
                int read;
                while ((read = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken)) > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    offset += read;
                }
                if (ended)
                {
                    await Done;
                    return offset;
                }
                await Task.WhenAny(Done, Task.Delay(PollInterval, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The growing file, or the finished one once done (the growing one is renamed into its place). An open handle
    /// follows the file through the rename.
    /// </summary>
    private async Task<SafeFileHandle> OpenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Done.IsCompleted)
            {
                await Done;
                return File.OpenHandle(path);
            }
            if (_growing.Task.IsCompleted)
            {
                try
                {
                    return File.OpenHandle(_growing.Task.Result, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                }
                catch (FileNotFoundException)
                {
                    // Not created yet by DuckDB, or renamed on its way to its place: look again.
                }
            }
            var change = _growing.Task.IsCompleted ? Done : Task.WhenAny(Done, _growing.Task);
            await Task.WhenAny(change, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
