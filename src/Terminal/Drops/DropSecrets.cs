using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HoodyKit.Terminal.Drops;

/// <summary>Drop ids and tokens from the cryptographic RNG; tokens are kept only as their SHA-256 and compared in constant time.</summary>
internal static class DropSecrets
{
    /// <summary>128 random bits as 32 lowercase hex digits: safe in a URL and as a folder name.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>256 random bits as 43 base64url characters.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="expectedHash"/>; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(string? token, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(token ?? ""), expectedHash);
}
