using System.Text.Json.Serialization;

namespace HoodyKit.Terminal.Models;

/// <summary><c>/drop-begin</c>: the drop id (<c>drop</c>, also as <c>id</c>), its token, where it stages, and the limits.</summary>
public sealed record BeginDropReply(
    [property: JsonPropertyName("drop")] string Drop,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("root")] string Root,
    [property: JsonPropertyName("max_slice")] int MaxSlice,
    [property: JsonPropertyName("max_bytes")] long MaxBytes,
    [property: JsonPropertyName("max_items")] int MaxItems,
    [property: JsonPropertyName("expires_in")] int ExpiresInSeconds);

/// <summary><c>/upload</c>: what the slice did; <c>size</c> is the offset of the next slice.</summary>
public sealed record UploadSliceReply(
    [property: JsonPropertyName("drop")] string Drop,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("written")] long Written,
    [property: JsonPropertyName("size")] long Size);

/// <summary><c>/drop-commit</c> and <c>/drop</c>: the sealed drop and the frame sent.</summary>
public sealed record CommitDropReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("drop")] string Drop,
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("ctx")] string Ctx,
    [property: JsonPropertyName("root")] string Root,
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("manifest_sha256")] string ManifestSha256,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("osc")] int Osc,
    [property: JsonPropertyName("frame_bytes")] int FrameBytes,
    [property: JsonPropertyName("duplicate")] bool Duplicate);

[JsonSerializable(typeof(BeginDropReply))]
[JsonSerializable(typeof(UploadSliceReply))]
[JsonSerializable(typeof(CommitDropReply))]
internal sealed partial class DropJsonContext : JsonSerializerContext;
