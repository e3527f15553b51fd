using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The canonical <c>manifest.json</c> of a committed drop: fixed field order, items sorted by path, and every file's
/// <c>h</c> filled in (computed on the server when the draft had none), so its SHA-256, carried by the frame,
/// stands for exactly these files.
/// </summary>
internal static class ManifestWriter
{
    public static byte[] Write(Drop drop, ManifestDraft draft, IReadOnlyList<VerifiedItem> items, DateTimeOffset committedAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("drop", drop.Id);
            json.WriteNumber("terminal_id", drop.TerminalId);
            json.WriteString("ctx", draft.Ctx);
            if (draft.Row is { } row && draft.Column is { } column)
            {
                json.WriteNumber("r", row);
                json.WriteNumber("c", column);
            }

            if (draft.ClipRead is { } clipRead) json.WriteString("cr", clipRead);
            json.WriteString("root", drop.Root);
            json.WriteString("files_dir", drop.FilesDir);
            json.WriteString("created_at", Iso(drop.CreatedAt));
            json.WriteString("committed_at", Iso(committedAt));
            json.WriteNumber("total_bytes", items.Sum(i => i.Item.Size));
            json.WriteStartArray("items");
            foreach (var (item, sha256) in items.OrderBy(i => i.Item.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("p", item.Path);
                json.WriteNumber("d", item.IsDirectory ? 1 : 0);
                json.WriteNumber("s", item.Size);
                json.WriteString("name", item.Name);
                if (sha256 is not null) json.WriteString("h", sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A manifest item checked against the staged files, with its SHA-256 (files only).</summary>
internal sealed record VerifiedItem(ManifestItem Item, string? Sha256);
