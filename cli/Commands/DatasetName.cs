using System.CommandLine;

namespace OpenData.Cli;

/// <summary>A dataset as the command line names it, <c>department/dataset</c>, and its paths on the server.</summary>
public sealed record DatasetName(string Department, string Dataset)
{
    public string ApiPath => $"/api/v1/datasets/{Uri.EscapeDataString(Department)}/{Uri.EscapeDataString(Dataset)}";

    public string DownloadPath(string format) => $"/data/{Uri.EscapeDataString(Department)}/{Uri.EscapeDataString(Dataset)}.{format}";

    public override string ToString() => $"{Department}/{Dataset}";

    /// <summary>A positional argument that refuses anything but two non-empty parts around one slash (a usage error).</summary>
    public static Argument<DatasetName> Argument(string description) => new("department/dataset")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var parts = text.Split('/');
            if (parts.Length == 2 && parts.All(part => part.Length > 0))
            {
                return new DatasetName(parts[0], parts[1]);
            }
            result.AddError($"'{text}' is not <department>/<dataset>, e.g. transport/traffic-tickets.");
            return null;
        },
    };
}
