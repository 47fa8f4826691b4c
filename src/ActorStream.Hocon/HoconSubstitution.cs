namespace ActorStream.Configuration;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Prefix"/> is the path an included file was merged at: the
/// lookup tries <c>Prefix + Path</c> first, then <c>Path</c> from the root, then the environment.
/// </summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(HoconPath path, bool optional, HoconPath prefix)
    {
        Path = path;
        Optional = optional;
        Prefix = prefix;
    }

    public HoconPath Path { get; }

    public bool Optional { get; }

    public HoconPath Prefix { get; }

    public override HoconValueType Type => HoconValueType.Unresolved;

    internal override bool IsResolved => false;

    public string Render() => (Optional ? "${?" : "${") + Path.Render() + "}";

    public override bool Equals(HoconValue? other) =>
        other is HoconSubstitution s && s.Optional == Optional && s.Path.Equals(Path) && s.Prefix.Equals(Prefix);

    public override int GetHashCode() => HashCode.Combine(Path, Optional);
}
