using Spectre.Console;

namespace OpenData.Cli;

/// <summary>A progress bar on stderr for bytes sent or received; without a bar (stderr not a terminal) it does nothing.</summary>
public sealed class TransferProgress
{
    private readonly ProgressTask? _task;
    private readonly string? _afterLastByte;

    private TransferProgress(ProgressTask? task, string? afterLastByte)
    {
        _task = task;
        _afterLastByte = afterLastByte;
    }

    /// <summary>Called from the transfer's thread; Spectre's task takes its own lock.</summary>
    public void Advance(long bytes)
    {
        if (_task is null)
        {
            return;
        }
        _task.Increment(bytes);
        if (_afterLastByte is not null && !_task.IsIndeterminate && _task.Value >= _task.MaxValue)
        {
            _task.Description = Markup.Escape(_afterLastByte);
        }
    }

    /// <param name="totalBytes">Null when the size is not known ahead (a streamed answer): the bar then counts bytes only.</param>
    /// <param name="afterLastByte">What the bar says once every byte has moved, while the other side still works.</param>
    public static async Task<T> RunAsync<T>(
        Terminal terminal, bool show, string description, long? totalBytes, Func<TransferProgress, Task<T>> transfer,
        string? afterLastByte = null)
    {
        if (!show)
        {
            return await transfer(new TransferProgress(null, null));
        }
        ProgressColumn[] columns = totalBytes is null
            ? [new TaskDescriptionColumn(), new SpinnerColumn(), new BytesColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new BytesColumn(), new TransferSpeedColumn(), new RemainingTimeColumn()];
        return await terminal.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(columns)
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: totalBytes ?? double.MaxValue);
                task.IsIndeterminate = totalBytes is null;
                try
                {
                    return await transfer(new TransferProgress(task, afterLastByte));
                }
                finally
                {
                    task.StopTask();
                }
            });
    }
}
