using System.Globalization;

namespace OpenData.Ingest.Tests;

/// <summary>Imports each real file as an upload would arrive (copied to staging) and checks PROVENANCE.md's figures.</summary>
public sealed class SharedDataImportTests : ImportTestBase
{
    [Fact]
    public async Task Airports_keep_codes_as_text()
    {
        var result = await ImportSharedAsync("airports.csv");

        Assert.Equal((3376L, 7), (result.Rows, result.Columns.Count));
        Assert.Equal("VARCHAR", TypeOf(result, "iata"));
        Assert.Equal(205L, Scalar($"SELECT count(*) FROM {result.TableName} WHERE state = 'CA'"));
        Assert.Equal(57L, Scalar($"SELECT count(DISTINCT state) FROM {result.TableName}"));
        Assert.Equal(1L, Scalar($"SELECT count(*) FROM {result.TableName} WHERE iata = '00M'"));
        Assert.StartsWith("DECIMAL", TypeOf(result, "latitude"));
    }

    [Fact]
    public async Task Birdstrikes_headers_with_spaces_and_dollars_become_names_with_titles()
    {
        var result = await ImportSharedAsync("birdstrikes.csv");

        Assert.Equal((10000L, 14), (result.Rows, result.Columns.Count));
        Assert.Equal("Cost Total $", result.Columns.Single(c => c.Name == "cost_total").Title);
        Assert.Equal("DATE", TypeOf(result, "flight_date"));
        Assert.Equal(new DateOnly(1990, 1, 8), Scalar($"SELECT min(flight_date) FROM {result.TableName}"));
        Assert.Equal(new DateOnly(2002, 7, 25), Scalar($"SELECT max(flight_date) FROM {result.TableName}"));
        Assert.Equal("40545276", Scalar($"SELECT CAST(sum(cost_total) AS VARCHAR) FROM {result.TableName}"));
    }

    [Fact]
    public async Task Flights_parquet_keeps_its_rows_and_figures()
    {
        var result = await ImportSharedAsync("flights-3m.parquet");

        Assert.Equal((3_000_000L, 5), (result.Rows, result.Columns.Count));
        Assert.Equal("2001-01-01 00:01", Scalar($"SELECT strftime(min(date), '%Y-%m-%d %H:%M') FROM {result.TableName}"));
        Assert.Equal("2001-07-01 00:00", Scalar($"SELECT strftime(max(date), '%Y-%m-%d %H:%M') FROM {result.TableName}"));
        Assert.Equal(6.6679, Convert.ToDouble(Scalar($"SELECT avg(delay) FROM {result.TableName}"), CultureInfo.InvariantCulture), 4);
        Assert.Equal(229L, Scalar($"SELECT count(DISTINCT origin) FROM {result.TableName}"));
    }

    [Fact]
    public async Task Seattle_weather_has_its_dates_and_rain()
    {
        var result = await ImportSharedAsync("seattle-weather.csv");

        Assert.Equal((1461L, 6), (result.Rows, result.Columns.Count));
        Assert.Equal(641L, Scalar($"SELECT count(*) FROM {result.TableName} WHERE weather = 'rain'"));
        Assert.Equal(new DateOnly(2012, 1, 1), Scalar($"SELECT min(date) FROM {result.TableName}"));
        Assert.Equal(new DateOnly(2015, 12, 31), Scalar($"SELECT max(date) FROM {result.TableName}"));
    }

    [Fact]
    public async Task Unemployment_tsv_reads_rates_as_decimals()
    {
        var result = await ImportSharedAsync("unemployment.tsv");

        Assert.Equal((3218L, 2), (result.Rows, result.Columns.Count));
        Assert.StartsWith("DECIMAL", TypeOf(result, "rate"));
        Assert.Equal(0.089915, Convert.ToDouble(Scalar($"SELECT avg(rate) FROM {result.TableName}"), CultureInfo.InvariantCulture), 6);
        Assert.Equal((1001L, 72153L), ((long)Scalar($"SELECT min(id) FROM {result.TableName}")!, (long)Scalar($"SELECT max(id) FROM {result.TableName}")!));
    }

    [Fact]
    public async Task Unemployment_across_industries_json_sums_its_counts()
    {
        var result = await ImportSharedAsync("unemployment-across-industries.json");

        Assert.Equal((1708L, 6), (result.Rows, result.Columns.Count));
        Assert.Equal(14L, Scalar($"SELECT count(DISTINCT series) FROM {result.TableName}"));
        Assert.Equal("944327", Scalar($"SELECT CAST(sum(count) AS VARCHAR) FROM {result.TableName}"));
    }

    [Fact]
    public async Task Political_contributions_json_sums_receipts_exactly()
    {
        var result = await ImportSharedAsync("political-contributions.json");

        Assert.Equal((58L, 25), (result.Rows, result.Columns.Count));
        Assert.StartsWith("DECIMAL", TypeOf(result, "total_receipts"));
        Assert.Equal(63551.28m, Scalar($"SELECT sum(total_receipts) FROM {result.TableName}"));
    }

    private Task<ImportResult> ImportSharedAsync(string name)
    {
        var staged = Path.Combine(Folder, name);
        File.Copy(Path.Combine(SharedData.Folder, name), staged);
        return ImportAsync(staged);
    }
}
