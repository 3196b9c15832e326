using System.Text.RegularExpressions;

namespace OpenData.Catalog;

/// <summary>Checks shared by every store, so that a PostgreSQL store refuses exactly what SQLite refuses.</summary>
internal static partial class CatalogRules
{
    // Slugs become URL segments and lake folder names: no dots or slashes, so no path can escape the lake.
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    public static void CheckSlug(string slug, string what)
    {
        if (slug is null || !SlugPattern().IsMatch(slug))
        {
            throw CatalogException.Invalid(
                $"The {what} slug '{slug}' must be 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
        }
    }

    /// <summary>Returns the checksum in lowercase hex, the one form stored and compared.</summary>
    public static string NormaliseSha256(string sha256, string what)
    {
        var lower = (sha256 ?? "").ToLowerInvariant();
        if (!Sha256Pattern().IsMatch(lower))
        {
            throw CatalogException.Invalid($"The SHA-256 of {what} must be 64 hexadecimal digits, not '{sha256}'.");
        }
        return lower;
    }

    public static void CheckDepartment(Department department)
    {
        CheckSlug(department.Slug, "department");
        CheckText(department.Name, "department name");
    }

    public static void CheckDataset(Dataset dataset)
    {
        CheckSlug(dataset.Department, "department");
        CheckSlug(dataset.Slug, "dataset");
        CheckText(dataset.Title, "dataset title");
        CheckText(dataset.Licence, "licence");
        if (!Enum.IsDefined(dataset.Access))
        {
            throw CatalogException.Invalid($"Unknown access level {(int)dataset.Access}.");
        }
    }

    /// <summary>Checks a commit and returns it with checksums normalised.</summary>
    public static VersionCommit CheckCommit(VersionCommit commit)
    {
        CheckSlug(commit.Department, "department");
        CheckSlug(commit.Dataset, "dataset");
        CheckText(commit.CreatedBy, "version author");
        if (!Enum.IsDefined(commit.Mode))
        {
            throw CatalogException.Invalid($"Unknown commit mode {(int)commit.Mode}.");
        }
        if (commit.RowCount < 0 || commit.Bytes < 0)
        {
            throw CatalogException.Invalid("Row count and bytes cannot be negative.");
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<VersionFile>(commit.Files.Count);
        foreach (var file in commit.Files)
        {
            CheckText(file.Path, "file path");
            if (!paths.Add(file.Path))
            {
                throw CatalogException.Invalid($"The file '{file.Path}' is listed twice.");
            }
            if (file.Size < 0)
            {
                throw CatalogException.Invalid($"The file '{file.Path}' has a negative size.");
            }
            files.Add(file with { Sha256 = NormaliseSha256(file.Sha256, $"file '{file.Path}'") });
        }

        var source = commit.Source is { } s ? s with { Sha256 = NormaliseSha256(s.Sha256, "the upload") } : null;
        return commit with { Files = files, Source = source };
    }

    private static void CheckText(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw CatalogException.Invalid($"The {what} cannot be empty.");
        }
    }
}
