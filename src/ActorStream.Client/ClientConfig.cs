using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using ActorStream.Client.Configuration;

namespace ActorStream.Client;

/// <summary>
/// Settings shared by every client, keyed by the Java client's property names
/// (<c>bootstrap.servers</c>, <c>client.id</c>, <c>request.timeout.ms</c> …). Set them through the
/// typed properties or the string indexer (<c>config["linger.ms"] = "5"</c>); an unknown key or an
/// invalid value throws <see cref="ArgumentException"/> at once. Unset properties take the
/// documented defaults. Not thread-safe; builders copy it.
/// </summary>
public class ClientConfig : IEnumerable<KeyValuePair<string, string>>
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly FrozenDictionary<string, ConfigKey> _keys;

    /// <summary>Creates an empty client configuration.</summary>
    public ClientConfig()
        : this(ConfigDefinitions.Client)
    {
    }

    /// <summary>Creates a client configuration from property names and values.</summary>
    /// <param name="config">The properties; every key must be known.</param>
    public ClientConfig(IEnumerable<KeyValuePair<string, string>> config)
        : this(ConfigDefinitions.Client) => SetAll(config);

    private protected ClientConfig(FrozenDictionary<string, ConfigKey> keys) => _keys = keys;

    /// <summary>Comma-separated host:port pairs used to find the cluster (<c>bootstrap.servers</c>; required).</summary>
    public string? BootstrapServers
    {
        get => Get("bootstrap.servers");
        set => Set("bootstrap.servers", value);
    }

    /// <summary>Name sent with every request, for broker logs and quotas (<c>client.id</c>; default: producer-N, consumer-N or adminclient-N).</summary>
    public string? ClientId
    {
        get => Get("client.id");
        set => Set("client.id", value);
    }

    /// <summary>How long a request may wait for its response before the connection is dropped and the request retried (<c>request.timeout.ms</c>, 30000).</summary>
    public int? RequestTimeoutMs
    {
        get => GetInt("request.timeout.ms");
        set => Set("request.timeout.ms", value);
    }

    /// <summary>Metadata older than this is refreshed even without errors (<c>metadata.max.age.ms</c>, 300000).</summary>
    public long? MetadataMaxAgeMs
    {
        get => GetLong("metadata.max.age.ms");
        set => Set("metadata.max.age.ms", value);
    }

    /// <summary>First wait before retrying a failed request; doubles up to <see cref="RetryBackoffMaxMs"/> (<c>retry.backoff.ms</c>, 100).</summary>
    public long? RetryBackoffMs
    {
        get => GetLong("retry.backoff.ms");
        set => Set("retry.backoff.ms", value);
    }

    /// <summary>Longest wait between retries (<c>retry.backoff.max.ms</c>, 1000).</summary>
    public long? RetryBackoffMaxMs
    {
        get => GetLong("retry.backoff.max.ms");
        set => Set("retry.backoff.max.ms", value);
    }

    /// <summary>First wait before reconnecting to a broker; doubles up to <see cref="ReconnectBackoffMaxMs"/> (<c>reconnect.backoff.ms</c>, 50).</summary>
    public long? ReconnectBackoffMs
    {
        get => GetLong("reconnect.backoff.ms");
        set => Set("reconnect.backoff.ms", value);
    }

    /// <summary>Longest wait between reconnection attempts (<c>reconnect.backoff.max.ms</c>, 1000).</summary>
    public long? ReconnectBackoffMaxMs
    {
        get => GetLong("reconnect.backoff.max.ms");
        set => Set("reconnect.backoff.max.ms", value);
    }

    /// <summary>How long opening a connection (TCP and ApiVersions) may take (<c>socket.connection.setup.timeout.ms</c>, 10000).</summary>
    public long? SocketConnectionSetupTimeoutMs
    {
        get => GetLong("socket.connection.setup.timeout.ms");
        set => Set("socket.connection.setup.timeout.ms", value);
    }

    /// <summary>Connections idle this long are closed; -1 never (<c>connections.max.idle.ms</c>, 540000).</summary>
    public long? ConnectionsMaxIdleMs
    {
        get => GetLong("connections.max.idle.ms");
        set => Set("connections.max.idle.ms", value);
    }

    /// <summary>SO_SNDBUF; -1 keeps the OS default (<c>send.buffer.bytes</c>, 131072).</summary>
    public int? SendBufferBytes
    {
        get => GetInt("send.buffer.bytes");
        set => Set("send.buffer.bytes", value);
    }

    /// <summary>SO_RCVBUF; -1 keeps the OS default (<c>receive.buffer.bytes</c>, 65536).</summary>
    public int? ReceiveBufferBytes
    {
        get => GetInt("receive.buffer.bytes");
        set => Set("receive.buffer.bytes", value);
    }

    /// <summary>Largest response frame accepted from a broker (<c>receive.message.max.bytes</c>, 104857600).</summary>
    public int? ReceiveMessageMaxBytes
    {
        get => GetInt("receive.message.max.bytes");
        set => Set("receive.message.max.bytes", value);
    }

    /// <summary>The property <paramref name="key"/> as a string (null when unset); setting null unsets it.</summary>
    /// <param name="key">A Kafka property name.</param>
    public string? this[string key]
    {
        get => Get(key);
        set => Set(key, value);
    }

    /// <summary>The value of <paramref name="key"/>, or null when it is unset.</summary>
    /// <param name="key">A Kafka property name.</param>
    public string? Get(string key)
    {
        Definition(key);
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Sets <paramref name="key"/>; null unsets it. Throws <see cref="ArgumentException"/> for an unknown key or an invalid value.</summary>
    /// <param name="key">A Kafka property name.</param>
    /// <param name="value">The value.</param>
    public void Set(string key, string? value)
    {
        var definition = Definition(key);
        if (value is null)
        {
            _values.Remove(key);
            return;
        }

        var problem = definition.Validate(value);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid value '{value}' for configuration property '{key}': {problem}.", nameof(value));
        }

        _values[key] = value.Trim();
    }

    /// <summary>The properties that were set, in no particular order.</summary>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets every property of <paramref name="config"/>.</summary>
    internal void SetAll(IEnumerable<KeyValuePair<string, string>> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (key, value) in config)
        {
            Set(key, value);
        }
    }

    /// <summary>The value of <paramref name="key"/>, or its default.</summary>
    internal string? GetOrDefault(string key) => Get(key) ?? Definition(key).Default;

    internal int GetIntOrDefault(string key) => int.Parse(GetOrDefault(key)!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    internal long GetLongOrDefault(string key) => long.Parse(GetOrDefault(key)!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    internal bool GetBoolOrDefault(string key) => bool.Parse(GetOrDefault(key)!);

    internal bool IsSet(string key) => _values.ContainsKey(key);

    private protected int? GetInt(string key) => Get(key) is { } v ? int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    private protected long? GetLong(string key) => Get(key) is { } v ? long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    private protected bool? GetBool(string key) => Get(key) is { } v ? bool.Parse(v) : null;

    private protected void Set(string key, long? value) => Set(key, value?.ToString(CultureInfo.InvariantCulture));

    private protected void Set(string key, bool? value) => Set(key, value is null ? null : value.Value ? "true" : "false");

    private ConfigKey Definition(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.TryGetValue(key, out var definition))
        {
            return definition;
        }

        var suggestion = Closest(key);
        throw new ArgumentException(
            $"Unknown configuration property '{key}' for {GetType().Name}" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?")
            + " Properties use the Java client's names (e.g. bootstrap.servers, linger.ms).",
            nameof(key));
    }

    private string? Closest(string key)
    {
        string? best = null;
        var bestDistance = Math.Max(3, key.Length / 4) + 1;
        foreach (var candidate in _keys.Keys)
        {
            var distance = EditDistance(key, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
