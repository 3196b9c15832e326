using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Microsoft.Playwright;
using OpenData.Api.Portal;

namespace OpenData.Portal.Tests;

/// <summary>Sign-in with an API key kept in a cookie, and the anti-forgery protection that cookie makes necessary.
/// Plain HTTP (no browser) where the wire matters: the cookie's attributes and the refusals.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class SignInTests(PortalHost host)
{
    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_holding_the_key_and_redirects_home()
    {
        using var client = host.CreateClient();
        var form = await FormAsync(client, "/signin");
        var response = await client.SendAsync(Post("/signin", form, new() { ["key"] = host.AnalystKey, ["returnUrl"] = "/datasets" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/datasets", response.Headers.Location?.ToString());
        var cookie = SetCookie(response, SignInCookie.Name);
        Assert.Equal(host.AnalystKey, Uri.UnescapeDataString(cookie.Value.Value!));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path.Value);
        Assert.False(cookie.Secure, "Plain HTTP: a Secure cookie would never come back.");
    }

    [Fact]
    public void The_cookie_is_secure_when_the_request_is_https()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        SignInCookie.Write(context.Response, "some-key-0123456789");
        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_on_the_form_without_a_cookie()
    {
        using var client = host.CreateClient();
        var form = await FormAsync(client, "/signin");
        var response = await client.SendAsync(Post("/signin", form, new() { ["key"] = "not-a-key-0123456789" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not valid", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(SignInCookie.Name + "="));
    }

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused()
    {
        using var client = host.CreateClient();
        var form = await FormAsync(client, "/signin");
        var request = Post("/signin", form with { Token = "" }, new() { ["key"] = host.AnalystKey });
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(SignInCookie.Name + "=")));

        // Signed in, a cross-site form could try to sign the visitor out or create a dataset: refused the same way.
        var signedIn = await FormAsync(client, $"/departments/{host.Department}/datasets/new", host.PublisherKey);
        var creating = Post($"/departments/{host.Department}/datasets/new", signedIn with { Token = "" },
            new() { ["Form.Slug"] = "forged", ["Form.Title"] = "Forged" }, host.PublisherKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(creating)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_signed_api_call_that_changes_something_needs_the_anti_forgery_header()
    {
        var slug = Api.Tests.ApiSeed.Unique("forgery");
        await host.CreateDatasetAsync(slug, "Forgery target");
        using var client = host.CreateClient();
        var path = $"/api/v1/datasets/{host.Department}/{slug}/data";

        // As a cross-site page could send it: the cookie, no token.
        var forged = Upload(path, "id\n1\n");
        forged.Headers.Add("Cookie", $"{SignInCookie.Name}={host.PublisherKey}");
        var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(PortalAntiforgery.HeaderName, await refused.Content.ReadAsStringAsync());

        // As the portal's own script sends it: the cookie and the token of a page.
        var page = await FormAsync(client, $"/datasets/{host.Department}/{slug}", host.PublisherKey);
        var scripted = Upload(path, "id\n2\n");
        scripted.Headers.Add("Cookie", $"{SignInCookie.Name}={host.PublisherKey}; {page.AntiforgeryCookie}");
        scripted.Headers.Add(PortalAntiforgery.HeaderName, page.MetaToken);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(scripted)).StatusCode);

        // API clients with a key in the Authorization header are not concerned, cookie or not.
        using var apiClient = host.CreateClient(host.PublisherKey);
        var bearer = Upload(path, "id\n3\n");
        Assert.Equal(HttpStatusCode.Created, (await apiClient.SendAsync(bearer)).StatusCode);

        // Reading needs no token: GET with the cookie is the signed-in key.
        var reading = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/datasets/{host.Department}/{slug}/versions");
        reading.Headers.Add("Cookie", $"{SignInCookie.Name}={host.PublisherKey}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(reading)).StatusCode);
    }

    [Fact]
    public async Task A_visitor_signs_in_in_the_browser_sees_what_the_key_may_and_signs_out()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("API key").FillAsync(host.PublisherKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == SignInCookie.Name && c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);

        await page.GotoAsync($"/departments/{host.Department}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a dataset" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == SignInCookie.Name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_revoked_key_in_the_cookie_leaves_the_pages_anonymous_and_a_header_key_wins_over_the_cookie()
    {
        using var admin = host.CreateClient(host.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "soon revoked", role = "publisher", department = host.Department }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/keys/{created.GetProperty("key").GetProperty("id").GetString()}")).StatusCode);

        var page = await host.NewPageAsync(secret);
        await page.GotoAsync($"/departments/{host.Department}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a dataset" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The analyst's header, the publisher's cookie: the request is the analyst's, who may not create datasets.
        using var analyst = host.CreateClient(host.AnalystKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets")
        {
            Content = JsonContent.Create(new { department = host.Department, slug = "by-cookie", title = "By cookie" }),
        };
        request.Headers.Add("Cookie", $"{SignInCookie.Name}={host.PublisherKey}");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.SendAsync(request)).StatusCode);
    }

    /// <summary>A page's anti-forgery cookie, its form's token and its meta token (the one page scripts send).</summary>
    private sealed record PageTokens(string AntiforgeryCookie, string Token, string MetaToken);

    private static async Task<PageTokens> FormAsync(HttpClient client, string path, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("Cookie", $"{SignInCookie.Name}={key}");
        }
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var antiforgery = SetCookie(response, PortalAntiforgery.CookieName);
        var token = FormToken().Match(html);
        return new PageTokens(
            $"{antiforgery.Name}={antiforgery.Value}",
            token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : "",
            WebUtility.HtmlDecode(MetaToken().Match(html).Groups[1].Value));
    }

    private static HttpRequestMessage Post(string path, PageTokens page, Dictionary<string, string> fields, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = page.Token }),
        };
        request.Headers.Add("Cookie", key is null ? page.AntiforgeryCookie : $"{page.AntiforgeryCookie}; {SignInCookie.Name}={key}");
        return request;
    }

    private static HttpRequestMessage Upload(string path, string csv) => new(HttpMethod.Put, path)
    {
        Content = new StringContent(csv, new UTF8Encoding(false), new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv")),
    };

    private static SetCookieHeaderValue SetCookie(HttpResponseMessage response, string name) =>
        SetCookieHeaderValue.ParseList(response.Headers.GetValues("Set-Cookie").ToList()).Single(cookie => cookie.Name == name);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]*)\"")]
    private static partial Regex MetaToken();
}
