using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OpenData.Api;

/// <summary>
/// CKAN's ids: name-based UUIDs (RFC 9562 version 5) of the department, dataset and format, so they never change and
/// need no storage. Each id made is remembered with what it names, to find a resource or dataset by id again.
/// </summary>
public static class CkanIds
{
    private static readonly Guid Namespace = new("8c1f6b52-3c0a-4d36-9a51-4f0e2b7d6a10");

    private static readonly ConcurrentDictionary<string, (string Department, string Dataset, string? Format)> Named = new(StringComparer.Ordinal);

    public static string Organization(string department) => Make("organization:" + department);

    public static string Package(string department, string dataset) => Remember(Make($"package:{department}/{dataset}"), department, dataset, null);

    public static string Resource(string department, string dataset, DistributionFormat format) =>
        Remember(Make($"resource:{department}/{dataset}.{format.Extension}"), department, dataset, format.Extension);

    public static string Tag(string name) => Make("tag:" + name);

    /// <summary>What a package or resource id made before names: null when no id of that text was made.</summary>
    public static (string Department, string Dataset, string? Format)? Find(string id) =>
        Named.TryGetValue(id.Trim().ToLowerInvariant(), out var named) ? named : null;

    private static string Remember(string id, string department, string dataset, string? format)
    {
        Named.TryAdd(id, (department, dataset, format));
        return id;
    }

    private static string Make(string name)
    {
        Span<byte> bytes = stackalloc byte[16];
        Namespace.TryWriteBytes(bytes, bigEndian: true, out _);
        var hash = SHA1.HashData([.. bytes, .. Encoding.UTF8.GetBytes(name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
