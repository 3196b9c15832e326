using System.Net;
using System.Net.Http.Headers;
using System.Reflection;

namespace OpenData.Cli;

/// <summary>
/// HTTP to one platform server with one key. Every failure leaves here as a <see cref="CliException"/> whose exit
/// code says what kind it was, so commands only handle success.
/// </summary>
public sealed class OpenDataClient : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;

    public OpenDataClient(Uri server, string? key)
    {
        Server = server;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout })
        {
            BaseAddress = server,
            // Uploads and downloads of gigabytes take as long as they take; Ctrl+C stops them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("opendata-cli", Version));
        if (key is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public Uri Server { get; }

    private static string Version =>
        typeof(OpenDataClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The answer of a successful request, with only its headers read so that its body can stream.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCode.Unreachable, $"cannot reach {Server}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCode.Unreachable, $"cannot reach {Server}: no connection within {ConnectTimeout.TotalSeconds} s.");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken);
            throw new CliException(ExitCodeOf(response.StatusCode), $"{(int)response.StatusCode} {response.ReasonPhrase}", problem);
        }
    }

    public async Task<string> GetStringAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static ExitCode ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCode.Unauthorized,
        HttpStatusCode.NotFound => ExitCode.NotFound,
        _ => ExitCode.Refused,
    };
}
