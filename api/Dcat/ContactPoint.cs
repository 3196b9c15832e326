using System.Text.RegularExpressions;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>Whom to ask about a dataset: its department, by the email address the department gave as contact.</summary>
public static partial class ContactPoint
{
    /// <summary>The department's contact when it is an email address, else <paramref name="fallback"/> (Dcat:ContactEmail).</summary>
    public static string? Email(Department department, string? fallback = null) =>
        IsEmail(department.Contact) ? department.Contact.Trim() : fallback;

    /// <summary>A plain address, in the characters DCAT-US's hasEmail pattern accepts, so that "mailto:" + it validates.</summary>
    public static bool IsEmail(string? text) => text is not null && EmailPattern().IsMatch(text.Trim());

    [GeneratedRegex(@"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
