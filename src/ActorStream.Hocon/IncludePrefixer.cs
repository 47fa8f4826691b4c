namespace ActorStream.Configuration;

/// <summary>
/// Marks the substitutions of an included tree with the path the tree is merged at, so that they are looked
/// up relative to it first (lightbend's relativized includes) and from the root second.
/// </summary>
internal static class IncludePrefixer
{
    /// <summary>Rewrites <paramref name="obj"/> in place; the parser owns freshly included trees.</summary>
    public static void Apply(HoconObject obj, HoconPath prefix)
    {
        if (obj.IsResolved)
        {
            return;
        }

        foreach (var key in obj.Keys.ToArray())
        {
            obj.SetField(key, Rewrite(obj[key], prefix));
        }
    }

    private static HoconValue Rewrite(HoconValue value, HoconPath prefix)
    {
        if (value.IsResolved)
        {
            return value;
        }

        switch (value)
        {
            case HoconSubstitution s:
                return new HoconSubstitution(s.Path, s.Optional, prefix.Concat(s.Prefix)) { Location = s.Location };
            case HoconObject o:
                Apply(o, prefix);
                return o;
            case HoconArray a:
                return new HoconArray(a.Items.Select(i => Rewrite(i, prefix))) { Location = a.Location };
            case HoconConcatenation c:
                return new HoconConcatenation(c.Pieces.Select(p => Rewrite(p, prefix)).ToArray()) { Location = c.Location };
            case HoconDelayedMerge m:
                return new HoconDelayedMerge(m.Layers.Select(l => Rewrite(l, prefix)).ToArray()) { Location = m.Location };
            default:
                return value;
        }
    }
}
