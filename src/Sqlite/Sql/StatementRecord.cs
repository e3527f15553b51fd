namespace HoodyKit.Sqlite.Sql;

/// <summary>What the query history keeps of one executed statement (never its bound values).</summary>
internal sealed record StatementRecord(string Sql, long TimestampMs, double DurationMs, bool Ok, long RowsAffected, string? Error);
