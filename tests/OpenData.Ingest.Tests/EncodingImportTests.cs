using System.Text;

namespace OpenData.Ingest.Tests;

public sealed class EncodingImportTests : ImportTestBase
{
    private const string Chinese = "区,罚款\n黄浦区,200.50\n静安区,150\n浦东新区,75.25\n";
    private const string German = "Stadt;Straße;Betrag\nMünchen;Königstraße;6069,36\nKöln;Hohe Straße;12,5\n";

    public static TheoryData<string, string> Encodings => new()
    {
        { "utf-8", "utf-8" },
        { "utf-8-bom", "utf-8" },
        { "utf-16le-bom", "utf-16" },
        { "utf-16be-bom", "utf-16BE" },
        { "gb18030", "gb18030" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task ImportAsync_detects_the_encoding_of_chinese_text(string written, string detected)
    {
        var path = WriteFile($"{written}.csv", Chinese, Encoding(written));

        var result = await ImportAsync(path);

        Assert.Equal(detected, result.Encoding);
        Assert.Equal("区", result.Columns[0].Title);
        Assert.Equal(3L, result.Rows);
        Assert.Equal(425.75m, Scalar($"SELECT sum(罚款) FROM {result.TableName}"));
        Assert.Equal(1L, Scalar($"SELECT count(*) FROM {result.TableName} WHERE 区 = '浦东新区'"));
    }

    [Fact]
    public async Task ImportAsync_detects_latin1_and_its_decimal_comma()
    {
        var path = WriteFile("latin1.csv", German, System.Text.Encoding.Latin1);

        var result = await ImportAsync(path);

        Assert.Equal("windows-1252", result.Encoding);
        Assert.Equal(["stadt", "strasse", "betrag"], result.Columns.Select(c => c.Name));
        Assert.Equal("Königstraße", Scalar($"SELECT strasse FROM {result.TableName} WHERE stadt = 'München'"));
        Assert.Equal(6069.36m, Scalar($"SELECT betrag FROM {result.TableName} WHERE stadt = 'München'"));
    }

    [Fact]
    public async Task ImportAsync_reads_a_declared_gbk_file()
    {
        var path = WriteFile("gbk.csv", Chinese, System.Text.Encoding.GetEncoding("gbk"));

        var result = await ImportAsync(path, r => r with { Encoding = "gbk" });

        Assert.Equal("黄浦区", Scalar($"SELECT 区 FROM {result.TableName} ORDER BY 罚款 DESC LIMIT 1"));
    }

    [Fact]
    public async Task ImportAsync_refuses_bytes_the_declared_encoding_cannot_have()
    {
        var path = WriteFile("wrong.csv", Chinese, System.Text.Encoding.GetEncoding("gb18030"));

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path, r => r with { Encoding = "us-ascii" }));

        Assert.Contains("declare its encoding", error.Message);
    }

    private static Encoding Encoding(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(false),
        "utf-8-bom" => new UTF8Encoding(true),
        "utf-16le-bom" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf-16be-bom" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        _ => System.Text.Encoding.GetEncoding(name),
    };
}
