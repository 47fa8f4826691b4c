using ActorStream.Client.Configuration;

namespace ActorStream.Client;

/// <summary>
/// Admin client settings, keyed by the Java admin client's property names. See
/// <see cref="ClientConfig"/> for how properties are set and validated. Not thread-safe;
/// <see cref="AdminClientBuilder"/> copies it.
/// </summary>
public sealed class AdminClientConfig : ClientConfig
{
    /// <summary>Creates an empty admin client configuration.</summary>
    public AdminClientConfig()
        : base(ConfigDefinitions.Admin)
    {
    }

    /// <summary>Creates an admin client configuration from property names and values.</summary>
    /// <param name="config">The properties; every key must be known.</param>
    public AdminClientConfig(IEnumerable<KeyValuePair<string, string>> config)
        : base(ConfigDefinitions.Admin) => SetAll(config);

    /// <summary>Time limit of an admin call whose options give none, retries included (<c>default.api.timeout.ms</c>, 60000).</summary>
    public int? DefaultApiTimeoutMs
    {
        get => GetInt("default.api.timeout.ms");
        set => Set("default.api.timeout.ms", value);
    }

    /// <summary>Retries of a failed admin request within its time limit (<c>retries</c>, 2147483647).</summary>
    public int? Retries
    {
        get => GetInt("retries");
        set => Set("retries", value);
    }
}
