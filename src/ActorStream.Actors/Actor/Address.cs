using System.Globalization;

namespace ActorStream.Actor;

/// <summary>
/// Where an actor system lives: <c>akka://system</c> locally or <c>akka.tcp://system@host:port</c>
/// remotely. Immutable value type semantics.
/// </summary>
public sealed class Address : IEquatable<Address>, IComparable<Address>
{
    private readonly string _text;

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ArgumentException.ThrowIfNullOrEmpty(system);
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
        _text = host is null
            ? $"{protocol}://{system}"
            : port is null ? $"{protocol}://{system}@{host}" : string.Create(CultureInfo.InvariantCulture, $"{protocol}://{system}@{host}:{port}");
    }

    public string Protocol { get; }

    public string System { get; }

    public string? Host { get; }

    public int? Port { get; }

    /// <summary>True when the address names no host (an in-process system).</summary>
    public bool HasLocalScope => Host is null;

    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var rest) || rest.Length != 0)
        {
            throw new UriFormatException($"'{text}' is not a valid actor system address (expected protocol://system[@host:port])");
        }

        return address;
    }

    /// <summary>Parses the address prefix of <paramref name="text"/>; <paramref name="rest"/> is what follows it.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Address? address, out string rest)
    {
        address = null;
        rest = string.Empty;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var protocol = text[..schemeEnd];
        var start = schemeEnd + 3;
        var slash = text.IndexOf('/', start);
        var authority = slash < 0 ? text[start..] : text[start..slash];
        rest = slash < 0 ? string.Empty : text[slash..];
        if (authority.Length == 0)
        {
            return false;
        }

        var at = authority.IndexOf('@');
        if (at < 0)
        {
            address = new Address(protocol, authority);
            return true;
        }

        var system = authority[..at];
        var hostPort = authority[(at + 1)..];
        if (system.Length == 0 || hostPort.Length == 0)
        {
            return false;
        }

        var colon = hostPort.LastIndexOf(':');
        if (colon < 0 || hostPort.EndsWith(']'))
        {
            address = new Address(protocol, system, hostPort);
            return true;
        }

        if (!int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        address = new Address(protocol, system, hostPort[..colon], port);
        return true;
    }

    public Address WithHostPort(string host, int port) => new(Protocol, System, host, port);

    public bool Equals(Address? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public int CompareTo(Address? other) => other is null ? 1 : string.CompareOrdinal(_text, other._text);

    public override bool Equals(object? obj) => Equals(obj as Address);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;
}
