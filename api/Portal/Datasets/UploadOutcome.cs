using OpenData.Catalog;

namespace OpenData.Api.Portal.Datasets;

/// <summary>What the upload page shows after an upload: the version it made, its rows and the rejects report,
/// or why it was refused. The form's post (no script) and the page script's upload show the same.</summary>
/// <param name="Rows">Rows imported from the file (rejects not counted); null when only the version is known (after the script's upload).</param>
public sealed record UploadOutcome(
    int? Version, long? VersionRows, long? Rows, long? RejectedRows, RowsTable? Rejects, IReadOnlyList<VersionCheck>? Checks, string? Problem)
{
    public static UploadOutcome Refused(string problem) => new(null, null, null, null, null, null, problem);
}
