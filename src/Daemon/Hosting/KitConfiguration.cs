namespace HoodyKit.Daemon.Hosting;

/// <summary>
/// Builds the layered configuration: built-in defaults &lt; the JSON file (default
/// <c>/etc/hoodykit/hoodykit.json</c>, optional) &lt; <c>HOODYKIT__Section__Key</c> environment variables &lt; flags.
/// </summary>
public static class KitConfiguration
{
    public const string DefaultFile = "/etc/hoodykit/hoodykit.json";

    /// <summary>The environment-variable prefix (matched without regard to case).</summary>
    public const string EnvironmentPrefix = "HOODYKIT__";

    public static IConfigurationRoot Build(string? configFile, IReadOnlyDictionary<string, string?> flags, bool includeEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(configFile ?? DefaultFile, optional: configFile is null, reloadOnChange: false);
        if (includeEnvironment) builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(flags);
        return builder.Build();
    }

    /// <summary>Binds and returns the host's options; throws <see cref="InvalidOperationException"/> on a value of the wrong type.</summary>
    public static KitOptions BindKitOptions(IConfiguration configuration)
    {
        var options = new KitOptions();
        configuration.Bind(options);
        return options;
    }
}
