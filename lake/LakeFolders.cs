namespace OpenData.Lake;

/// <summary>File and folder removal shared by retention and the janitor: tolerant of files already gone.</summary>
internal static class LakeFolders
{
    public static bool TryDeleteFile(string path, out long size)
    {
        size = 0;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return false;
            }
            size = info.Length;
            info.Delete();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes empty folders below <paramref name="root"/> (not the root itself), deepest first. With
    /// <paramref name="olderThan"/>, only folders unchanged since then: a writer may be about to move into a fresh one.
    /// </summary>
    public static void DeleteEmptyFolders(string root, DateTime? olderThan)
    {
        if (!Directory.Exists(root))
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
                     .OrderByDescending(f => f.Length))
        {
            try
            {
                if (!Directory.EnumerateFileSystemEntries(folder).Any()
                    && (olderThan is null || Directory.GetLastWriteTimeUtc(folder) < olderThan))
                {
                    Directory.Delete(folder);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
