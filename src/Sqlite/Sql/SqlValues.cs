using System.Text.Json;
using System.Text.Unicode;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Sql;

/// <summary>JSON → SQLite parameter binding and SQLite column → JSON writing (design §2.3).</summary>
internal static class SqlValues
{
    /// <summary>Binds one value set (array: by position; object: by name without its <c>: @ $</c> sigil).</summary>
    public static void Bind(SqliteHandle handle, sqlite3_stmt stmt, JsonElement set)
    {
        var count = raw.sqlite3_bind_parameter_count(stmt);
        if (count == 0) return;
        if (set.ValueKind == JsonValueKind.Array)
        {
            var length = set.GetArrayLength();
            if (length < count) throw StoreException.Invalid($"The statement has {count} parameters but {length} values were given");
            for (var i = 1; i <= count; i++) BindOne(handle, stmt, i, set[i - 1]);
            return;
        }

        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(stmt, i).utf8_to_string();
            if (string.IsNullOrEmpty(name) || name[0] == '?')
                throw StoreException.Invalid("Positional parameters need 'values' as an array");
            if (!set.TryGetProperty(name[1..], out var value) && !set.TryGetProperty(name, out value))
                throw StoreException.Invalid($"No value for parameter '{name}'");
            BindOne(handle, stmt, i, value);
        }
    }

    private static void BindOne(SqliteHandle handle, sqlite3_stmt stmt, int index, JsonElement value)
    {
        var rc = value.ValueKind switch
        {
            JsonValueKind.String => raw.sqlite3_bind_text(stmt, index, value.GetString()),
            JsonValueKind.Number when value.TryGetInt64(out var integer) => raw.sqlite3_bind_int64(stmt, index, integer),
            JsonValueKind.Number => raw.sqlite3_bind_double(stmt, index, value.GetDouble()),
            JsonValueKind.True => raw.sqlite3_bind_int64(stmt, index, 1),
            JsonValueKind.False => raw.sqlite3_bind_int64(stmt, index, 0),
            JsonValueKind.Null => raw.sqlite3_bind_null(stmt, index),
            _ => raw.sqlite3_bind_text(stmt, index, value.GetRawText()),
        };
        handle.Check(rc);
    }

    /// <summary>Column names of a prepared statement.</summary>
    public static string[] Columns(sqlite3_stmt stmt)
    {
        var names = new string[raw.sqlite3_column_count(stmt)];
        for (var i = 0; i < names.Length; i++) names[i] = raw.sqlite3_column_name(stmt, i).utf8_to_string() ?? "";
        return names;
    }

    /// <summary>Writes column <paramref name="i"/> of the current row: INTEGER/REAL numbers (NaN, ±∞ → null), TEXT, BLOB base64, NULL.</summary>
    public static void Write(Utf8JsonWriter json, sqlite3_stmt stmt, int i)
    {
        switch (raw.sqlite3_column_type(stmt, i))
        {
            case raw.SQLITE_INTEGER:
                json.WriteNumberValue(raw.sqlite3_column_int64(stmt, i));
                break;
            case raw.SQLITE_FLOAT:
                var real = raw.sqlite3_column_double(stmt, i);
                if (double.IsFinite(real)) json.WriteNumberValue(real);
                else json.WriteNullValue();
                break;
            case raw.SQLITE_TEXT:
                WriteText(json, raw.sqlite3_column_blob(stmt, i));
                break;
            case raw.SQLITE_BLOB:
                json.WriteBase64StringValue(raw.sqlite3_column_blob(stmt, i));
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    /// <summary>Writes UTF-8 text as a JSON string (invalid sequences replaced).</summary>
    public static void WriteText(Utf8JsonWriter json, ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8)) json.WriteStringValue(utf8);
        else json.WriteStringValue(System.Text.Encoding.UTF8.GetString(utf8));
    }
}
