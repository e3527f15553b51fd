namespace HoodyKit.Sqlite.Kv;

/// <summary>A stored value and its metadata (times in Unix milliseconds).</summary>
internal sealed record KvValue(byte[] Value, string ContentType, long CreatedAt, long UpdatedAt, long? ExpireAt, long Version);

/// <summary>What a write stores: bytes, type and absolute expiry (ms), plus the TTL it came from.</summary>
internal sealed record KvWrite(byte[] Value, string ContentType, long? ExpireAt, long? Ttl);
