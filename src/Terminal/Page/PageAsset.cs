using Microsoft.Net.Http.Headers;

namespace HoodyKit.Terminal.Page;

/// <summary>One embedded file of the page: its bytes, content type, and a version derived from its content.</summary>
internal sealed record PageAsset(string Name, byte[] Content, string ContentType, string Version)
{
    public EntityTagHeaderValue ETag { get; } = new('"' + Version + '"');
}
