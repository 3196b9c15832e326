using Spectre.Console;

namespace OpenData.Cli;

/// <summary>
/// Streams an answer's body to <c>--output</c> or to stdout, with a progress bar on stderr when a person watches and
/// the data is not itself going to the terminal.
/// </summary>
public static class AnswerWriter
{
    /// <summary>
    /// A file is written under <c>.partial</c> and renamed when whole, so a transfer cut short never leaves a file
    /// that looks complete; then stderr says what was written where.
    /// </summary>
    /// <param name="what">What the answer holds, for the progress bar and the closing message.</param>
    public static async Task SaveAsync(
        HttpResponseMessage response, FileInfo? output, Terminal terminal, string what, CancellationToken cancellationToken)
    {
        var show = Terminal.StderrIsTerminal && (output is not null || !Terminal.StdoutIsTerminal);
        var written = await TransferProgress.RunAsync(terminal, show, what, response.Content.Headers.ContentLength, async progress =>
        {
            long bytes = 0;
            void Count(long count)
            {
                bytes += count;
                progress.Advance(count);
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (output is null)
            {
                await using var stdout = new CountingStream(Console.OpenStandardOutput(), Count);
                await body.CopyToAsync(stdout, cancellationToken);
                return bytes;
            }
            var partial = output.FullName + ".partial";
            try
            {
                await using (var file = new CountingStream(File.Create(partial), Count))
                {
                    await body.CopyToAsync(file, cancellationToken);
                }
                File.Move(partial, output.FullName, overwrite: true);
                return bytes;
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
        });
        if (output is not null)
        {
            terminal.Error.WriteLine($"Wrote {what} ({ByteSize.Format(written)}) to {output.FullName}.");
        }
        if (IsTruncated(response))
        {
            terminal.Warn("the answer was cut at its row limit (X-Truncated: true).");
        }
    }

    /// <summary>Said in a header, or in a trailer when the answer was too long to hold back (HTTP/2).</summary>
    private static bool IsTruncated(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("X-Truncated", out var values) || response.TrailingHeaders.TryGetValues("X-Truncated", out values))
        && values.Contains("true", StringComparer.OrdinalIgnoreCase);
}
