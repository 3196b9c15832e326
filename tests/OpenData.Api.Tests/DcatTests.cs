using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenData.Catalog;

namespace OpenData.Api.Tests;

/// <summary>/data.json (validated against DCAT-US 1.1), /catalog.jsonld (DCAT-AP) and the schema.org builder.</summary>
[Collection(CkanLakeCollection.Name)]
public sealed class DcatTests(CkanLake lake)
{
    [Fact]
    public async Task Data_json_validates_against_dcat_us_and_lists_only_public_datasets()
    {
        var text = await GetTextAsync(lake.Factory, lake.AnalystKey, "/data.json", "application/json");

        Assert.Equal("[]", (await DcatUsValidator.ErrorsAsync("catalog.json", text)).GetRawText());
        var catalog = JsonDocument.Parse(text).RootElement;
        Assert.Equal("https://project-open-data.cio.gov/v1.1/schema", catalog.GetProperty("conformsTo").GetString());
        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        var datasets = catalog.GetProperty("dataset").EnumerateArray().ToList();
        Assert.Equal([$"{lake.Transport}/bus-stops", $"{lake.Transport}/traffic-tickets"], datasets.Select(d => d.GetProperty("identifier").GetString()));
        Assert.All(datasets, d => Assert.Equal("public", d.GetProperty("accessLevel").GetString()));
        Assert.DoesNotContain("plate_number", text);
        Assert.DoesNotContain("appointments", text);
        Assert.DoesNotContain("officer-notes", text);
        // Non-federal: no bureau or program codes unless configured.
        Assert.False(datasets[0].TryGetProperty("bureauCode", out _));
    }

    [Fact]
    public async Task Data_json_says_what_the_catalog_knows_of_a_dataset()
    {
        var catalog = JsonDocument.Parse(await GetTextAsync(lake.Factory, null, "/data.json", "application/json")).RootElement;
        var tickets = catalog.GetProperty("dataset").EnumerateArray().Single(d => d.GetProperty("title").GetString() == "Traffic tickets");
        var stops = catalog.GetProperty("dataset").EnumerateArray().Single(d => d.GetProperty("title").GetString() == "Bus stops");

        Assert.Equal(["traffic", "fines"], tickets.GetProperty("keyword").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("R/P1D", tickets.GetProperty("accrualPeriodicity").GetString());
        Assert.Equal("mailto:data@example.gov", tickets.GetProperty("contactPoint").GetProperty("hasEmail").GetString());
        Assert.Equal("Department " + lake.Transport, tickets.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", tickets.GetProperty("license").GetString());
        var distributions = tickets.GetProperty("distribution").EnumerateArray().ToList();
        Assert.Equal(["text/csv", "application/json", "application/x-ndjson", "application/vnd.apache.parquet"],
            distributions.Select(d => d.GetProperty("mediaType").GetString()));
        Assert.Equal($"http://localhost/data/{lake.Transport}/traffic-tickets.csv", distributions[0].GetProperty("downloadURL").GetString());
        // What the catalog lacks is filled as DCAT-US needs it: the title as description, the department as keyword.
        Assert.Equal("Bus stops", stops.GetProperty("description").GetString());
        Assert.Equal([lake.Transport], stops.GetProperty("keyword").EnumerateArray().Select(k => k.GetString()));
        Assert.False(stops.TryGetProperty("distribution", out _));

        using var client = lake.Factory.CreateClient();
        var download = await client.GetAsync(distributions[0].GetProperty("downloadURL").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.DoesNotContain("plate_number", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_federal_catalog_carries_bureau_and_program_codes_and_validates_as_federal()
    {
        using var factory = new OpenDataApiFactory
        {
            Settings = new Dictionary<string, string> { ["Dcat:BureauCode"] = "015:11", ["Dcat:ProgramCode"] = "015:001", ["Dcat:ContactEmail"] = "opendata@example.gov" },
        };
        var seed = new ApiSeed(factory);
        var (department, key) = await seed.DepartmentAsync("treasury");
        using var admin = factory.CreateAdminClient();
        // A department whose contact is not an email address: Dcat:ContactEmail stands in for it.
        await seed.DatasetAsync(key, new { department, slug = "payments", title = "Payments", access = "public", updateFrequency = "monthly" });
        var upload = await new UploadClient(factory, key, department, "payments").PutTextAsync("id,amount\n1,10.50\n");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var text = await GetTextAsync(factory, null, "/data.json", "application/json");

        Assert.Equal("[]", (await DcatUsValidator.ErrorsAsync("catalog-federal.json", text)).GetRawText());
        var dataset = JsonDocument.Parse(text).RootElement.GetProperty("dataset")[0];
        Assert.Equal(["015:11"], dataset.GetProperty("bureauCode").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["015:001"], dataset.GetProperty("programCode").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("R/P1M", dataset.GetProperty("accrualPeriodicity").GetString());
        // The lake's own catalog lacks the codes, so it fails the federal schema: the check has teeth.
        var nonFederal = await GetTextAsync(lake.Factory, null, "/data.json", "application/json");
        Assert.Contains("bureauCode", (await DcatUsValidator.ErrorsAsync("catalog-federal.json", nonFederal)).GetRawText());
    }

    [Fact]
    public async Task Catalog_jsonld_is_dcat_ap_with_typed_times_agents_and_iana_media_types()
    {
        var catalog = JsonDocument.Parse(await GetTextAsync(lake.Factory, null, "/catalog.jsonld", "application/ld+json")).RootElement;

        Assert.Equal("http://www.w3.org/ns/dcat#", catalog.GetProperty("@context").GetProperty("dcat").GetString());
        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        Assert.Equal("foaf:Agent", catalog.GetProperty("dct:publisher").GetProperty("@type").GetString());
        Assert.Equal("xsd:dateTime", catalog.GetProperty("dct:modified").GetProperty("@type").GetString());
        var datasets = catalog.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Equal(2, datasets.Count);
        var tickets = datasets.Single(d => d.GetProperty("dct:title").GetString() == "Traffic tickets");
        Assert.Equal("dcat:Dataset", tickets.GetProperty("@type").GetString());
        Assert.Equal("foaf:Agent", tickets.GetProperty("dct:publisher").GetProperty("@type").GetString());
        Assert.Equal("Department " + lake.Transport, tickets.GetProperty("dct:publisher").GetProperty("foaf:name").GetString());
        foreach (var time in new[] { "dct:issued", "dct:modified" })
        {
            Assert.Equal("xsd:dateTime", tickets.GetProperty(time).GetProperty("@type").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", tickets.GetProperty(time).GetProperty("@value").GetString());
        }
        Assert.Equal("http://publications.europa.eu/resource/authority/frequency/DAILY", tickets.GetProperty("dct:accrualPeriodicity").GetProperty("@id").GetString());
        var distributions = tickets.GetProperty("dcat:distribution").EnumerateArray().ToList();
        Assert.All(distributions, d =>
        {
            Assert.Equal("dcat:Distribution", d.GetProperty("@type").GetString());
            Assert.Equal(d.GetProperty("dcat:accessURL").GetProperty("@id").GetString(), d.GetProperty("dcat:downloadURL").GetProperty("@id").GetString());
            Assert.Equal("https://creativecommons.org/licenses/by/4.0/", d.GetProperty("dct:license").GetProperty("@id").GetString());
        });
        Assert.Equal("http://www.iana.org/assignments/media-types/text/csv", distributions[0].GetProperty("dcat:mediaType").GetProperty("@id").GetString());
        Assert.Equal("http://www.iana.org/assignments/media-types/application/vnd.apache.parquet", distributions[3].GetProperty("dcat:mediaType").GetProperty("@id").GetString());
        // NDJSON has no IANA registration: no media type rather than a wrong one.
        Assert.False(distributions[2].TryGetProperty("dcat:mediaType", out _));
        Assert.Equal("http://publications.europa.eu/resource/authority/file-type/CSV", distributions[0].GetProperty("dct:format").GetProperty("@id").GetString());
    }

    [Fact]
    public async Task The_schema_org_builder_describes_a_public_dataset_without_personal_columns()
    {
        var catalog = lake.Factory.Services.GetService(typeof(ICatalogStore)) as ICatalogStore;
        var dataset = (await catalog!.GetDatasetAsync(lake.Transport, "traffic-tickets"))!;
        var department = (await catalog.GetDepartmentAsync(lake.Transport))!;
        var current = await catalog.GetVersionAsync(lake.Transport, "traffic-tickets", dataset.CurrentVersion!.Value);

        var json = SchemaOrgDataset.Build(dataset with { Title = "Tickets </script><script>alert(1)</script>" }, department, current, "https://data.example.gov")!;

        Assert.Equal("Dataset", (string?)json["@type"]);
        Assert.Equal($"https://data.example.gov/datasets/{lake.Transport}/traffic-tickets", (string?)json["url"]);
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal(["ticket_id", "district", "fine"], json["variableMeasured"]!.AsArray().Select(v => (string?)v!["propertyID"]));
        Assert.Equal($"https://data.example.gov/data/{lake.Transport}/traffic-tickets.parquet", (string?)json["distribution"]![3]!["contentUrl"]);
        var script = json.ToJsonString();
        Assert.DoesNotContain("</script>", script);
        Assert.DoesNotContain("plate_number", script);

        var appointments = (await catalog.GetDatasetAsync(lake.Health, "appointments"))!;
        Assert.Null(SchemaOrgDataset.Build(appointments, (await catalog.GetDepartmentAsync(lake.Health))!, null, "https://data.example.gov"));
    }

    private static async Task<string> GetTextAsync(OpenDataApiFactory factory, string? key, string path, string mediaType)
    {
        using var client = factory.CreateClient(key);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
