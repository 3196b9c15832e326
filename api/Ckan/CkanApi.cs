using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenData.Catalog;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// CKAN's Action API, read-only: <c>/api/3/action/{action}</c> (and <c>/api/action/{action}</c>, where CKAN's own
/// clients call), by GET with a query string or POST with a JSON body, answering in CKAN's envelope
/// <c>{help, success, result}</c> or <c>{help, success:false, error:{__type, …}}</c> (docs/ckan.md). Departments are
/// organizations, datasets packages, and each download format a resource; each key sees what the rest of the API shows it.
/// </summary>
public static class CkanApi
{
    public const string RoutePrefix = "/api/3/action";

    public const string UnversionedRoutePrefix = "/api/action";

    public const string Route = RoutePrefix + "/{action}";

    public const string UnversionedRoute = UnversionedRoutePrefix + "/{action}";

    private static readonly Dictionary<string, (Func<CkanContext, Task<JsonNode>> Run, string Help)> Actions = new(StringComparer.Ordinal)
    {
        ["package_list"] = (PackageListAsync, "Return a list of the names of the site's public datasets (packages); limit and offset page it."),
        ["package_show"] = (PackageShowAsync, "Return the metadata of a dataset (package) and its resources, by id or name."),
        ["package_search"] = (PackageSearchAsync, "Search datasets: q, fq, fq_list, rows, start, sort, facet, facet.field, facet.limit, facet.mincount, include_private."),
        ["organization_list"] = (OrganizationListAsync, "Return the names of the organizations (departments), or their dictionaries with all_fields; sort, limit, offset, organizations."),
        ["organization_show"] = (OrganizationShowAsync, "Return an organization (department) by id or name; include_datasets adds its first datasets."),
        ["resource_show"] = (ResourceShowAsync, "Return the metadata of a resource (a dataset's download in one format) by id."),
        ["datastore_search"] = (async context => await context.Datastore.SearchAsync(context.Parameters, context.Request, context.Aborted),
            "Search a resource's rows: resource_id, filters, q, fields, sort, limit, offset, include_total, records_format."),
        ["datastore_search_sql"] = (async context => await context.Datastore.SearchSqlAsync(context.Parameters, context.Aborted),
            "Run one SELECT (DuckDB's SQL) over the datasets the caller may read; resources may be named by id as quoted tables."),
        ["help_show"] = (HelpShowAsync, "Return the help text of an action: name."),
    };

    public static IEndpointRouteBuilder MapCkanApi(this IEndpointRouteBuilder app)
    {
        foreach (var (route, name) in new[] { (Route, "CkanAction"), (UnversionedRoute, "CkanActionUnversioned") })
        {
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Post], Handle)
                .Produces(StatusCodes.Status200OK, contentType: "application/json")
                .WithName(name)
                .WithSummary($"CKAN's Action API, read-only: {string.Join(", ", Actions.Keys)}.")
                .WithTags("CKAN");
        }
        return app;
    }

    public static async Task<IResult> Handle(string action, HttpContext http, [AsParameters] CkanServices services)
    {
        var links = CatalogLinks.From(http.Request);
        // As CKAN: a request it cannot read answers 400 with a JSON string, outside the envelope.
        if (!Actions.TryGetValue(action, out var found))
        {
            return CatalogJson.Result(JsonValue.Create($"Bad request: Action name not known: {action}"), statusCode: StatusCodes.Status400BadRequest);
        }
        CkanParameters parameters;
        try
        {
            parameters = await CkanParameters.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (JsonException error)
        {
            return CatalogJson.Result(JsonValue.Create($"Bad request: JSON Error: {error.Message}"), statusCode: StatusCodes.Status400BadRequest);
        }

        var envelope = new JsonObject { ["help"] = links.Catalog("/api/3/action/help_show?name=" + Uri.EscapeDataString(action)) };
        try
        {
            var result = await found.Run(new CkanContext(parameters, services, links, http));
            envelope["success"] = true;
            envelope["result"] = result;
            return CatalogJson.Result(envelope);
        }
        catch (CkanException error)
        {
            envelope["success"] = false;
            envelope["error"] = error.Error();
            return CatalogJson.Result(envelope, statusCode: error.Status);
        }
    }

    private static async Task<JsonNode> PackageListAsync(CkanContext context)
    {
        // As CKAN: the names of public datasets only, whatever the key; package_search lists the others.
        var names = (await context.Services.Catalog.ListDatasetsAsync(cancellationToken: context.Aborted))
            .Where(dataset => dataset.Access == AccessLevel.Public)
            .Select(CkanDicts.PackageName)
            .Order(StringComparer.Ordinal)
            .Skip(context.Parameters.Int("offset", 0));
        if (context.Parameters.Has("limit"))
        {
            names = names.Take(context.Parameters.Int("limit", 0));
        }
        return new JsonArray([.. names.Select(name => (JsonNode)name)]);
    }

    private static async Task<JsonNode> PackageShowAsync(CkanContext context) =>
        CkanDicts.Package(await context.Catalog.PackageAsync(IdOrName(context.Parameters), context.Aborted), context.Links);

    private static async Task<JsonNode> PackageSearchAsync(CkanContext context) =>
        await CkanPackageSearch.SearchAsync(
            context.Parameters, context.Services.Catalog, context.Services.Entries, context.Caller, context.Links, context.Aborted);

    private static async Task<JsonNode> ResourceShowAsync(CkanContext context)
    {
        var (entry, format) = await context.Catalog.ResourceAsync(context.Parameters.Required("id"), context.Aborted);
        return CkanDicts.Resource(entry, format, entry.Formats.ToList().IndexOf(format), context.Links);
    }

    private static async Task<JsonNode> OrganizationListAsync(CkanContext context)
    {
        var parameters = context.Parameters;
        var allFields = parameters.Bool("all_fields", false);
        // CKAN's defaults: 1000 names, or 25 dictionaries.
        var limit = parameters.Int("limit", allFields ? 25 : 1000);
        var only = parameters.List("organizations");
        var counts = await PackageCountsAsync(context);
        var departments = (await context.Services.Catalog.ListDepartmentsAsync(context.Aborted))
            .Where(department => only.Count == 0 || only.Contains(department.Slug));
        var sort = (parameters.String("sort") ?? parameters.String("order_by") ?? "title asc").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Comparison<Department> compare = sort.FirstOrDefault() switch
        {
            "name" => (a, b) => string.CompareOrdinal(a.Slug, b.Slug),
            "title" => (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
            "package_count" or "packages" => (a, b) => counts.GetValueOrDefault(a.Slug).CompareTo(counts.GetValueOrDefault(b.Slug)),
            _ => throw CkanException.Invalid("sort", "Can only sort by name, title or package_count."),
        };
        var descending = sort is [_, var direction] && direction.Equals("desc", StringComparison.OrdinalIgnoreCase);
        var sorted = departments.ToList();
        sorted.Sort((a, b) => (descending ? compare(b, a) : compare(a, b)) is var order and not 0 ? order : string.CompareOrdinal(a.Slug, b.Slug));
        var page = sorted.Skip(parameters.Int("offset", 0)).Take(limit);
        return new JsonArray([.. page.Select(department => allFields
            ? Organization(department, counts.GetValueOrDefault(department.Slug))
            : (JsonNode)department.Slug)]);
    }

    private static async Task<JsonNode> OrganizationShowAsync(CkanContext context)
    {
        var department = await context.Catalog.OrganizationAsync(context.Parameters.Required("id"), context.Aborted);
        var visible = (await context.Services.Catalog.ListDatasetsAsync(department.Slug, context.Aborted)).Where(context.Caller.CanSee).ToList();
        var json = Organization(department, visible.Count);
        json["num_followers"] = 0;
        json["extras"] = new JsonArray();
        json["groups"] = new JsonArray();
        json["tags"] = new JsonArray();
        json["users"] = new JsonArray();
        if (context.Parameters.Bool("include_datasets", false))
        {
            // As CKAN: the organization's first ten datasets.
            var first = await context.Services.Entries.EntriesAsync(visible.Take(10), context.Aborted);
            json["packages"] = new JsonArray([.. first.Select(entry => (JsonNode)CkanDicts.Package(entry, context.Links))]);
        }
        return json;
    }

    private static Task<JsonNode> HelpShowAsync(CkanContext context)
    {
        var name = context.Parameters.Required("name");
        return Actions.TryGetValue(name, out var action)
            ? Task.FromResult<JsonNode>(action.Help)
            : throw CkanException.NotFound($"Action function '{name}' not found.");
    }

    private static JsonObject Organization(Department department, int packageCount)
    {
        var json = CkanDicts.Organization(department);
        json["display_name"] = department.Name;
        json["image_display_url"] = "";
        json["package_count"] = packageCount;
        return json;
    }

    /// <summary>The datasets the caller may see, by department.</summary>
    private static async Task<Dictionary<string, int>> PackageCountsAsync(CkanContext context) =>
        (await context.Services.Catalog.ListDatasetsAsync(cancellationToken: context.Aborted))
            .Where(context.Caller.CanSee)
            .CountBy(dataset => dataset.Department)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>package_show's id, or name_or_id as CKAN also takes.</summary>
    private static string IdOrName(CkanParameters parameters) =>
        parameters.String("id") is { Length: > 0 } id ? id : parameters.Required("name_or_id");

    /// <summary>One request to an action: its parameters, the caller and what the actions read through.</summary>
    private sealed record CkanContext(CkanParameters Parameters, CkanServices Services, CatalogLinks Links, HttpContext Http)
    {
        public Caller Caller { get; } = Caller.From(Services.User);

        public HttpRequest Request => Http.Request;

        public CancellationToken Aborted => Http.RequestAborted;

        public CkanCatalog Catalog => new(Services.Catalog, Services.Entries, Caller);

        public CkanDatastore Datastore => new(Catalog, new CkanSql(Services.Engine, Services.Sql, Services.Audit, Caller), Caller);
    }
}

/// <summary>What the CKAN actions need.</summary>
public sealed record CkanServices(
    ICatalogStore Catalog, CatalogEntries Entries, QueryEngine Engine, SqlOptions Sql, AuditLog Audit, ClaimsPrincipal User);
