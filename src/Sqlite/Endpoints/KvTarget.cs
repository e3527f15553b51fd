using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>The database and table a KV request addresses, and the key and action of a <c>/kv/{key}[/action]</c> path.</summary>
internal static class KvTarget
{
    private static readonly HashSet<string> s_postActions = new(StringComparer.Ordinal) { "incr", "decr", "push", "pop", "remove", "rollback" };
    private static readonly HashSet<string> s_getActions = new(StringComparer.Ordinal) { "history", "snapshot" };

    /// <summary>
    /// Opens the database of <c>db</c> (a write with <c>create_db_if_missing=true</c> may create it; a
    /// directory with an explicit <c>table</c> holds its tables in a sidecar file) and reads <c>table</c>.
    /// </summary>
    public static (DatabaseLease Lease, KvTable Table) Open(HttpContext ctx, DatabaseCache cache, bool write)
    {
        var tableName = Args.Text(ctx, "table");
        var table = KvTable.Parse(tableName);
        var create = write && Args.Bool(ctx, "create_db_if_missing");
        return (cache.Open(Args.Text(ctx, "db"), create, directoryMode: !string.IsNullOrEmpty(tableName)), table);
    }

    /// <summary>
    /// Splits the raw path after <c>/kv/</c> into key and action before decoding once, so
    /// <c>users/alice</c> works and <c>%2F</c> escapes a key that ends in <c>/history</c>.
    /// </summary>
    public static (string Key, string? Action) Parse(HttpContext ctx)
    {
        var target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? ctx.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0) target = target[..query];
        var marker = target.IndexOf("/kv/", StringComparison.Ordinal);
        var rest = marker < 0 ? "" : target[(marker + 4)..];
        string? action = null;
        var slash = rest.LastIndexOf('/');
        if (slash > 0)
        {
            var last = rest[(slash + 1)..];
            var method = ctx.Request.Method;
            if ((HttpMethods.IsPost(method) && s_postActions.Contains(last)) || (HttpMethods.IsGet(method) && s_getActions.Contains(last)))
            {
                action = last;
                rest = rest[..slash];
            }
        }

        string key;
        try
        {
            key = Uri.UnescapeDataString(rest);
        }
        catch (UriFormatException)
        {
            throw StoreException.Invalid("The key is not valid percent-encoding");
        }

        return (KvKey.Check(key), action);
    }
}
