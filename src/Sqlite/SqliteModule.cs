using HoodyKit.Core.Errors;
using HoodyKit.Core.Metrics;
using HoodyKit.Core.Modules;
using HoodyKit.Sqlite.Endpoints;
using HoodyKit.Sqlite.History;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite;

/// <summary>The <c>sqlite</c> service: SQL transactions and shareable read-only queries over HTTP, and a KV store with history and time travel.</summary>
public sealed class SqliteModule : IKitModule
{
    public string Name => "sqlite";

    public string ServiceName => "sqlite";

    public string Description => "SQL over HTTP (ws4sqlite format), shareable read-only queries, a KV store with history, rollback and time travel";

    public ErrorShape ErrorShape => ErrorShape.StatusCodeErrorMessage;

    public bool MapsOwnHealth => true;

    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteOptions>().Bind(configuration.GetSection(SqliteOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabaseDir) && Path.IsPathRooted(o.DatabaseDir), "Sqlite:DatabaseDir must be an absolute path")
            .Validate(o => Enum.IsDefined(o.Durability), "Sqlite:Durability must be Normal or Full")
            .Validate(o => o.MaxOpenDatabases > 0, "Sqlite:MaxOpenDatabases must be positive")
            .Validate(o => o.TransactionTimeout > TimeSpan.Zero && o.TableRollbackTimeout > TimeSpan.Zero && o.QueryTimeout > TimeSpan.Zero && o.WriterWait > TimeSpan.Zero, "Sqlite timeouts must be positive")
            .Validate(o => o.QueryRowLimit > 0 && o.TransactionRowLimit > 0 && o.MaxResultBytes > 0 && o.MaxBodyBytes > 0, "Sqlite limits must be positive")
            .Validate(o => o.QueryHistoryLimit > 0, "Sqlite:QueryHistoryLimit must be positive")
            .Validate(o => o.ExpirySweepInterval >= TimeSpan.FromSeconds(1), "Sqlite:ExpirySweepInterval must be at least 1 s")
            .ValidateOnStart();
        services.AddSingleton<DbPathResolver>();
        services.AddSingleton<DatabaseCache>();
        services.AddSingleton<SqlExecutor>();
        services.AddSingleton<ShareableQuery>();
        services.AddSingleton<QueryHistory>();
        services.AddSingleton<KvStore>();
        services.AddSingleton<KvAtomic>();
        services.AddSingleton<KvHistory>();
        services.AddSingleton<KvTimeTravel>();
        services.AddSingleton<KvDirectory>();
        services.AddSingleton<SqliteCounters>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<SqliteCounters>());
        services.AddHostedService<HistoryFlusher>();
        services.AddHostedService<ExpirySweeper>();
    }

    public void Map(RouteGroupBuilder group)
    {
        group.MapSqliteHealth();
        group.MapSqlEndpoints();
        group.MapHistoryEndpoints();
        group.MapKvTableEndpoints();
        group.MapKvBatchEndpoints();
        group.MapKvKeyEndpoints();
    }
}
