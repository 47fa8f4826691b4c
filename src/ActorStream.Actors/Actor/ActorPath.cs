using System.Globalization;
using System.Text;

namespace ActorStream.Actor;

/// <summary>
/// The location of an actor in the hierarchy: an <see cref="Address"/> followed by path elements,
/// plus the UID of one incarnation (0 when unknown). Equality ignores the UID, as in Akka.
/// Immutable and thread-safe.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The UID of a path that names no particular incarnation.</summary>
    public const long UndefinedUid = 0;

    private string? _text;

    private ActorPath(Address address)
    {
        Address = address;
        Name = "/";
        Depth = 0;
    }

    private ActorPath(ActorPath parent, string name, long uid)
    {
        Address = parent.Address;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent.Depth + 1;
    }

    public Address Address { get; }

    /// <summary>The last element; "/" for the root.</summary>
    public string Name { get; }

    /// <summary>The parent path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    public long Uid { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth { get; }

    public ActorPath Root
    {
        get
        {
            var p = this;
            while (p.Parent is not null)
            {
                p = p.Parent;
            }

            return p;
        }
    }

    /// <summary>The elements below the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            var p = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                elements[i] = p.Name;
                p = p.Parent!;
            }

            return elements;
        }
    }

    public static ActorPath CreateRoot(Address address) => new(address);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    public ActorPath Child(string name) => Child(name, UndefinedUid);

    public ActorPath Child(string name, long uid)
    {
        if (!IsValidPathElement(name))
        {
            throw new InvalidActorNameException($"Illegal actor name [{name}]: an element may contain letters, digits and -_.*$+:@&=,!~';()% only, and may not start with '$' unless system-given");
        }

        return new ActorPath(this, name, uid);
    }

    internal ActorPath ChildUnchecked(string name, long uid) => new(this, name, uid);

    public ActorPath WithUid(long uid) => Parent is null ? this : new ActorPath(Parent, Name, uid);

    /// <summary>True when <paramref name="element"/> may appear in a path (Akka's character set, %-escapes allowed).</summary>
    public static bool IsValidPathElement(string? element)
    {
        if (string.IsNullOrEmpty(element))
        {
            return false;
        }

        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            if (char.IsAsciiLetterOrDigit(c) || "-_.*$+:@&=,!~';()".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (c == '%' && i + 2 < element.Length && char.IsAsciiHexDigit(element[i + 1]) && char.IsAsciiHexDigit(element[i + 2]))
            {
                i += 2;
                continue;
            }

            return false;
        }

        return true;
    }

    public static ActorPath Parse(string path)
        => TryParse(path, out var result) ? result : throw new UriFormatException($"'{path}' is not a valid actor path (expected protocol://system[@host:port]/a/b[#uid])");

    public static bool TryParse(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActorPath? actorPath)
    {
        actorPath = null;
        if (!Address.TryParse(path, out var address, out var rest))
        {
            return false;
        }

        long uid = UndefinedUid;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out uid))
            {
                return false;
            }

            rest = rest[..hash];
        }

        var current = new ActorPath(address);
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!IsValidPathElement(parts[i]))
            {
                return false;
            }

            current = new ActorPath(current, parts[i], i == parts.Length - 1 ? uid : UndefinedUid);
        }

        actorPath = current;
        return true;
    }

    /// <summary>The path without the UID, e.g. <c>akka://sys/user/a</c>.</summary>
    public string ToStringWithoutUid()
    {
        if (_text is not null)
        {
            return _text;
        }

        if (Parent is null)
        {
            return _text = Address + "/";
        }

        var sb = new StringBuilder();
        AppendElements(sb, this);
        return _text = Address + sb.ToString();
    }

    private static void AppendElements(StringBuilder sb, ActorPath p)
    {
        if (p.Parent is null)
        {
            return;
        }

        AppendElements(sb, p.Parent);
        sb.Append('/').Append(p.Name);
    }

    /// <summary>The path including <c>#uid</c> when known; the form that travels between systems.</summary>
    public string ToSerializationFormat()
        => Uid == UndefinedUid ? ToStringWithoutUid() : string.Create(CultureInfo.InvariantCulture, $"{ToStringWithoutUid()}#{Uid}");

    public override string ToString() => ToStringWithoutUid();

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Depth != other.Depth)
        {
            return false;
        }

        ActorPath? a = this, b = other;
        while (a is not null && b is not null)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }

            if (a.Parent is null)
            {
                return a.Address.Equals(b.Address);
            }

            a = a.Parent;
            b = b.Parent;
        }

        return false;
    }

    public int CompareTo(ActorPath? other) => other is null ? 1 : string.CompareOrdinal(ToStringWithoutUid(), other.ToStringWithoutUid());

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToStringWithoutUid());
}
