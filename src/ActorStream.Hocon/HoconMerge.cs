namespace ActorStream.Configuration;

/// <summary>
/// The one merge rule, used for duplicate keys, includes, object concatenation and
/// <see cref="Config.WithFallback"/>: objects merge field by field, a resolved non-object on top wins,
/// an object on top hides a resolved non-object below, anything else waits as a
/// <see cref="HoconDelayedMerge"/> until substitutions are resolved.
/// </summary>
internal static class HoconMerge
{
    /// <summary>
    /// Merges <paramref name="top"/> over <paramref name="bottom"/>. With <paramref name="inPlace"/> the
    /// parser lets the bottom object be updated (it owns it); otherwise new objects are made.
    /// </summary>
    public static HoconValue Merge(HoconValue top, HoconValue? bottom, bool inPlace)
    {
        if (bottom is null)
        {
            return top;
        }

        if (top is HoconObject topObject && bottom is HoconObject bottomObject)
        {
            return MergeObjects(topObject, bottomObject, inPlace);
        }

        if (top.IgnoresFallbacks)
        {
            return top;
        }

        if (top is HoconObject && bottom.IgnoresFallbacks)
        {
            return top;
        }

        var layers = new List<HoconValue>();
        AddLayers(layers, top);
        AddLayers(layers, bottom);
        return new HoconDelayedMerge(layers) { Location = top.Location };
    }

    public static HoconObject MergeObjects(HoconObject top, HoconObject bottom, bool inPlace)
    {
        if (top.Count == 0)
        {
            return bottom;
        }

        if (bottom.Count == 0 && !inPlace)
        {
            return top;
        }

        if (inPlace)
        {
            foreach (var (key, value) in top.Fields)
            {
                bottom.Fields.TryGetValue(key, out var existing);
                bottom.SetField(key, Merge(value, existing, inPlace: true));
            }

            return bottom;
        }

        var fields = new Dictionary<string, HoconValue>(bottom.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in top.Fields)
        {
            fields.TryGetValue(key, out var existing);
            fields[key] = Merge(value, existing, inPlace: false);
        }

        return new HoconObject(fields, takeOwnership: true) { Location = top.Location };
    }

    private static void AddLayers(List<HoconValue> layers, HoconValue value)
    {
        if (value is HoconDelayedMerge merge)
        {
            layers.AddRange(merge.Layers);
        }
        else
        {
            layers.Add(value);
        }
    }
}
