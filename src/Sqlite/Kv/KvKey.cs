using System.Text;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>Key rules: non-empty, at most 1024 UTF-8 bytes, no control characters, no <c>.</c>/<c>..</c> segments.</summary>
internal static class KvKey
{
    public const int MaxBytes = 1024;

    public static string Check(string? key)
    {
        if (string.IsNullOrEmpty(key)) throw StoreException.Invalid("The key is empty");
        if (Encoding.UTF8.GetByteCount(key) > MaxBytes) throw StoreException.Invalid($"The key is longer than {MaxBytes} bytes");
        if (key.Any(char.IsControl)) throw StoreException.Invalid("The key contains control characters");
        if (key.Split('/').Any(s => s is "." or "..")) throw StoreException.Invalid("The key may not contain '.' or '..' segments");
        return key;
    }

    /// <summary>The exclusive upper bound of keys starting with <paramref name="prefix"/> (empty: all keys).</summary>
    public static string UpperBound(string prefix) => prefix + char.ConvertFromUtf32(0x10FFFF);
}
