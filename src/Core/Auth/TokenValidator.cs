using System.Security.Cryptography;
using System.Text;
using HoodyKit.Core.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HoodyKit.Core.Auth;

/// <summary>
/// The configured bearer token, compared in constant time over SHA-256 digests (neither content nor length
/// leaks). Shared by the auth middleware and by endpoints that authenticate themselves (a WebSocket whose
/// first frame carries the token).
/// </summary>
public sealed class TokenValidator(KitSettings settings)
{
    private readonly byte[]? _expected = settings.Token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    public bool IsConfigured => _expected is not null;

    public bool Matches(string? presented) =>
        _expected is null || (presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected));

    /// <summary><c>Authorization: Bearer …</c>, else the <c>token</c> query parameter, else null.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Query.TryGetValue("token", out var query) ? query.ToString() : null;
    }
}
