using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenData.Lake;

/// <summary>
/// Flushing to disk before a file becomes visible: file contents with fsync, and on Linux the directories
/// whose entries a move changed, so that a version the catalog records after a power cut finds its files.
/// </summary>
internal static partial class DurableFiles
{
    private const int ReadOnly = 0;

    /// <summary>Flushes the file to disk and returns its size and SHA-256 (lowercase hex).</summary>
    public static async Task<(long Size, string Sha256)> SealAsync(string path, CancellationToken cancellationToken)
    {
        string sha256;
        long size;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 20, useAsync: true))
        {
            size = stream.Length;
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            stream.Flush(flushToDisk: true);
        }
        // The janitor's grace period counts from here, not from when DuckDB began writing a large file.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        return (size, sha256);
    }

    /// <summary>Seals every file below <paramref name="folder"/>, keyed by its path relative to it ('/' separators).</summary>
    public static async Task<List<(string RelativePath, long Size, string Sha256)>> SealFolderAsync(
        string folder, CancellationToken cancellationToken)
    {
        var sealedFiles = new List<(string, long, string)>();
        if (!Directory.Exists(folder))
        {
            return sealedFiles;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (size, sha256) = await SealAsync(file, cancellationToken);
            sealedFiles.Add((Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), size, sha256));
        }
        foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            SyncDirectory(directory);
        }
        return sealedFiles;
    }

    /// <summary>Makes a directory's entries (files created, moved in or out) durable. Only Linux needs it.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the folder '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Cannot flush the folder '{directory}' to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
