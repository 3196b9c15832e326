namespace OpenData.Api;

/// <summary>
/// What catalogs say of a dataset's licence, from the SPDX identifier it was given (default CC-BY-4.0): its title,
/// the URL DCAT and schema.org need, and whether CKAN counts it as open. A licence given as a URL is its own URL.
/// </summary>
public sealed record Licence(string Id, string Title, string? Url, bool IsOpen)
{
    private static readonly Licence[] Known =
    [
        new("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/", true),
        new("CC-BY-SA-4.0", "Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", true),
        new("CC0-1.0", "Creative Commons CCZero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", true),
        new("ODbL-1.0", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/", true),
        new("ODC-By-1.0", "Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/", true),
        new("PDDL-1.0", "Open Data Commons Public Domain Dedication and License 1.0", "https://opendatacommons.org/licenses/pddl/1-0/", true),
        new("OGL-UK-3.0", "Open Government Licence 3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", true),
    ];

    public static Licence Of(string id) =>
        Known.FirstOrDefault(known => string.Equals(known.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? new Licence(id, id, Uri.TryCreate(id, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? id : null, false);
}
