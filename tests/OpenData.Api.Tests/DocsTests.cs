using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OpenData.Api.Tests;

/// <summary>Fails when an endpoint or a setting is missing from README.md and the docs/ pages it links to.</summary>
public partial class DocsTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private static readonly string Readme = ReadDocs();

    [Fact]
    public void Readme_documents_every_endpoint()
    {
        using var client = factory.CreateClient();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route.Replace("{documentName}", "v1"), Readme));
    }

    [Fact]
    public void Readme_documents_every_setting()
    {
        var settings = typeof(OpenDataOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => $"OpenData:{property.Name}");

        Assert.All(settings, setting => Assert.Contains($"`{setting}`", Readme));
    }

    [Theory]
    [InlineData(typeof(OpenData.Lake.LakeOptions), "Lake")]
    [InlineData(typeof(DatasetsOptions), nameof(DatasetsOptions))]
    [InlineData(typeof(UploadOptions), UploadOptions.Section)]
    [InlineData(typeof(AuditOptions), AuditOptions.Section)]
    [InlineData(typeof(RateLimitOptions), RateLimitOptions.Section)]
    [InlineData(typeof(SqlOptions), SqlOptions.Section)]
    [InlineData(typeof(SqlQueriesOptions), SqlQueriesOptions.Section)]
    [InlineData(typeof(OpenData.Streaming.KafkaOptions), OpenData.Streaming.KafkaOptions.Section)]
    [InlineData(typeof(OpenData.Pipelines.PipelinesOptions), OpenData.Pipelines.PipelinesOptions.Section)]
    [InlineData(typeof(CompactionOptions), CompactionOptions.Section)]
    [InlineData(typeof(DcatOptions), DcatOptions.Section)]
    public void Readme_documents_every_feature_setting(Type options, string section)
    {
        // Lake:DataDirectory is not a setting: the lake always uses OpenData:DataDirectory.
        var settings = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.Name != "DataDirectory")
            .Select(property => $"{section}:{property.Name}");

        Assert.All(settings, setting => Assert.Contains($"`{setting}`", Readme));
    }

    [Fact]
    public void Every_request_of_the_http_file_is_a_route_of_the_host()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: RouteRegex(endpoint.RoutePattern.RawText!))))
            .ToList();
        var requests = HttpFileRequest().Matches(File.ReadAllText(Path.Combine(RepositoryRoot(), "api", "OpenData.Api.http")))
            .Select(match => (Method: match.Groups[1].Value, Path: match.Groups[2].Value))
            .ToList();

        Assert.True(requests.Count > 30, $"Only {requests.Count} requests found in api/OpenData.Api.http.");
        Assert.All(requests, request => Assert.True(
            routes.Any(route => route.Method == request.Method && route.Path.IsMatch(request.Path)),
            $"{request.Method} {request.Path} in api/OpenData.Api.http is not a route of the host."));
    }

    private static Regex RouteRegex(string pattern) =>
        new("^/" + Regex.Replace(Regex.Escape(pattern.Trim('/')), @"\\\{[^}]+}", "[^/]+") + "$");

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) \{\{host}}([^?\s]*)", RegexOptions.Multiline)]
    private static partial Regex HttpFileRequest();

    /// <summary>README.md followed by every docs/*.md page it links to; a page nobody links to does not count.</summary>
    private static string ReadDocs()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var pages = DocsLink().Matches(readme)
            .Select(match => Path.Combine(root, "docs", match.Groups[1].Value))
            .Distinct()
            .Select(File.ReadAllText);
        return string.Join("\n", [readme, .. pages]);
    }

    [GeneratedRegex(@"\]\(docs/([A-Za-z0-9_-]+\.md)\)")]
    private static partial Regex DocsLink();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Data.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Data.sln not found above " + AppContext.BaseDirectory);
    }
}
