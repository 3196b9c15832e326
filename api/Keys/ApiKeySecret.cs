using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OpenData.Api;

/// <summary>Makes new key secrets and the one hash form that is stored and looked up.</summary>
public static class ApiKeySecret
{
    /// <summary>A new secret: "od_" and 32 random bytes in base64url (the prefix makes leaked keys easy to scan for).</summary>
    public static string New() => "od_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lowercase hex SHA-256. A plain hash (no salt or stretching) is enough: secrets are 256 random bits, not passwords.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A short random id to name a key in logs and version authors without revealing it.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
