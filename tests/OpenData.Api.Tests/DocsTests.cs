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
    [InlineData(typeof(OpenData.Streaming.KafkaOptions), OpenData.Streaming.KafkaOptions.Section)]
    [InlineData(typeof(OpenData.Pipelines.PipelinesOptions), OpenData.Pipelines.PipelinesOptions.Section)]
    [InlineData(typeof(CompactionOptions), CompactionOptions.Section)]
    public void Readme_documents_every_feature_setting(Type options, string section)
    {
        // Lake:DataDirectory is not a setting: the lake always uses OpenData:DataDirectory.
        var settings = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.Name != "DataDirectory")
            .Select(property => $"{section}:{property.Name}");

        Assert.All(settings, setting => Assert.Contains($"`{setting}`", Readme));
    }

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
