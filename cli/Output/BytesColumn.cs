using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenData.Cli;

/// <summary>Bytes moved so far, and the total when it is known (Spectre's DownloadedColumn needs a total).</summary>
public sealed class BytesColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.IsIndeterminate
            ? ByteSize.Format(task.Value)
            : $"{ByteSize.Format(task.Value)} / {ByteSize.Format(task.MaxValue)}");
}
