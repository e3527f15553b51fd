using System.Text.Json;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Sql;

/// <summary>Counts result rows and bytes against the caps of one response: 413 beyond either.</summary>
internal sealed class ResultBudget(long maxRows, long maxBytes)
{
    private long _rows;

    public void Count(Utf8JsonWriter json, long writtenBefore)
    {
        _rows++;
        if (_rows > maxRows)
            throw new StoreException(413, "RESULT_TOO_LARGE", $"The result has more than {maxRows} rows");
        if (writtenBefore + json.BytesCommitted + json.BytesPending > maxBytes)
            throw new StoreException(413, "RESULT_TOO_LARGE", $"The result is larger than {maxBytes} bytes");
    }
}
