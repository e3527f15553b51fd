namespace HoodyKit.Pipe.Engine;

/// <summary>What the sender declared about its stream, already sanitized, for each receiver's response headers.</summary>
/// <param name="ContentType">The effective content type, or null when the sender gave none.</param>
/// <param name="ContentLength">Forwarded only for plain (non-multipart) bodies with a valid length.</param>
/// <param name="ContentDisposition">The sender's disposition (multipart: the file part's), sanitized, or null.</param>
/// <param name="FileName">The sender's file name from that disposition, if any.</param>
/// <param name="Custom">Forwarded <c>X-Piping</c> / <c>X-Hoody-Pipe</c> headers, in order.</param>
internal sealed record TransferHeaders(
    string? ContentType,
    long? ContentLength,
    string? ContentDisposition,
    string? FileName,
    IReadOnlyList<KeyValuePair<string, string>> Custom)
{
    public static TransferHeaders Empty { get; } = new(null, null, null, null, []);
}
