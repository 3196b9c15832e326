using System.Text;

namespace OpenData.Ingest;

/// <summary>
/// Finds the encoding of a text upload: the declared one, a byte-order mark, valid UTF-8, GB18030 (Chinese
/// characters are pairs of high bytes) or else Windows-1252 (Latin-1 with its printable 0x80–0x9F).
/// </summary>
internal static class TextEncodings
{
    static TextEncodings()
    {
        // GB18030, GBK and Windows-125x live in the code-page provider, not in .NET's default set.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Detect(string? declared, ReadOnlySpan<byte> head)
    {
        if (declared is not null)
        {
            return Resolve(declared);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }
        if (LooksLikeUtf16(head, out var bigEndian))
        {
            return bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        }
        if (IsUtf8(head))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }
        return LooksLikeGb18030(head) ? Encoding.GetEncoding("gb18030") : Encoding.GetEncoding(1252);
    }

    public static bool IsUtf8(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage;

    private static Encoding Resolve(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        try
        {
            return key switch
            {
                "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" => Encoding.Latin1,
                "utf8" or "utf-8" or "utf-8-sig" => new UTF8Encoding(false, throwOnInvalidBytes: true),
                "utf16" or "utf-16" or "utf-16le" => Encoding.Unicode,
                "utf-16be" => Encoding.BigEndianUnicode,
                _ => Encoding.GetEncoding(key),
            };
        }
        catch (ArgumentException e)
        {
            throw new IngestException($"Encoding '{name}' is unknown; use for example utf-8, utf-16, gb18030, gbk or latin1.", e);
        }
    }

    /// <summary>Valid UTF-8, allowing a sequence cut off by the end of the sample.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        var cut = head.Length;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0xC0)
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (length > back)
                {
                    cut = head.Length - back;
                }
                break;
            }
            if ((b & 0x80) == 0)
            {
                break;
            }
        }
        return System.Text.Unicode.Utf8.IsValid(head[..cut]);
    }

    /// <summary>Mostly-ASCII text in UTF-16 without a BOM has a zero in every other byte.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        int evenZeros = 0, oddZeros = 0;
        var pairs = Math.Min(head.Length / 2, 4096);
        for (var i = 0; i < pairs; i++)
        {
            evenZeros += head[2 * i] == 0 ? 1 : 0;
            oddZeros += head[2 * i + 1] == 0 ? 1 : 0;
        }
        bigEndian = evenZeros > oddZeros;
        return pairs >= 2 && Math.Max(evenZeros, oddZeros) > pairs / 2 && Math.Min(evenZeros, oddZeros) == 0;
    }

    /// <summary>
    /// GB2312's characters (the common part of GBK/GB18030) are two bytes in A1–F7, A1–FE; Latin-1 letters are
    /// single high bytes between ASCII ones. Most high bytes in such pairs means Chinese.
    /// </summary>
    private static bool LooksLikeGb18030(ReadOnlySpan<byte> head)
    {
        int high = 0, paired = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] < 0x80)
            {
                continue;
            }
            high++;
            if (i + 1 < head.Length && head[i] is >= 0xA1 and <= 0xF7 && head[i + 1] is >= 0xA1 and <= 0xFE)
            {
                paired += 2;
                high++;
                i++;
            }
        }
        return high > 0 && paired * 10 >= high * 8;
    }
}
