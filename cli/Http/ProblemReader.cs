using System.Text.Json;

namespace OpenData.Cli;

/// <summary>Reads a failed answer as problem details; an answer that is not one (a proxy's page) becomes one from its text.</summary>
public static class ProblemReader
{
    private const int MaxTextShown = 500;

    public static async Task<Problem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                if (JsonSerializer.Deserialize(text, CliJson.Default.Problem) is { } problem)
                {
                    return problem with { Status = problem.Status ?? status, Title = problem.Title ?? response.ReasonPhrase };
                }
            }
            catch (JsonException)
            {
                // Not problem details after all: shown as text below.
            }
        }
        var detail = text.Trim();
        return new Problem(
            status,
            response.ReasonPhrase,
            detail.Length == 0 ? null : detail.Length > MaxTextShown ? detail[..MaxTextShown] + "…" : detail,
            Errors: null,
            Rejects: null,
            RejectedRows: null);
    }
}
