using System.Text.Json;

namespace ActorStream.Kafka.CodeGen;

/// <summary>One field of a schema struct.</summary>
internal sealed class FieldSpec
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public required Versions Versions { get; init; }

    public Versions NullableVersions { get; init; } = Versions.None;

    public Versions TaggedVersions { get; init; } = Versions.None;

    public int? Tag { get; init; }

    public string? Default { get; init; }

    public string? About { get; init; }

    public List<FieldSpec>? Fields { get; init; }

    public bool IsArray => Type.StartsWith("[]", StringComparison.Ordinal);

    /// <summary>The element type of an array, else the type itself.</summary>
    public string ElementType => IsArray ? Type[2..] : Type;

    public bool IsStructType => char.IsUpper(ElementType[0]);
}

/// <summary>A struct: the message body itself or a nested/common struct.</summary>
internal sealed class StructSpec
{
    public required string Name { get; init; }

    /// <summary>C# class name: the struct name, plus "Data" when a top-level property has the same name.</summary>
    public string ClassName { get; set; } = string.Empty;

    public required List<FieldSpec> Fields { get; init; }

    /// <summary>Versions in which this struct can appear on the wire.</summary>
    public required Versions Context { get; set; }
}

/// <summary>One schema file.</summary>
internal sealed class MessageSpec
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public short? ApiKey { get; init; }

    public required Versions Valid { get; init; }

    public required Versions Flexible { get; init; }

    public required List<FieldSpec> Fields { get; init; }

    public required Dictionary<string, StructSpec> Structs { get; init; }

    public static MessageSpec Load(string path)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var doc = JsonDocument.Parse(File.ReadAllText(path), options);
        var root = doc.RootElement;
        if (root.TryGetProperty("latestVersionUnstable", out var unstable) && unstable.GetBoolean())
        {
            throw new InvalidOperationException($"{path}: unstable latest versions are not supported by this generator.");
        }

        var valid = Versions.Parse(root.GetProperty("validVersions").GetString(), Versions.None);
        var spec = new MessageSpec
        {
            Name = root.GetProperty("name").GetString()!,
            Type = root.GetProperty("type").GetString()!,
            ApiKey = root.TryGetProperty("apiKey", out var key) ? key.GetInt16() : null,
            Valid = valid,
            Flexible = Versions.Parse(root.TryGetProperty("flexibleVersions", out var f) ? f.GetString() : null, Versions.None),
            Fields = ParseFields(root.GetProperty("fields")),
            Structs = new Dictionary<string, StructSpec>(StringComparer.Ordinal),
        };

        var common = new Dictionary<string, List<FieldSpec>>(StringComparer.Ordinal);
        if (root.TryGetProperty("commonStructs", out var cs))
        {
            foreach (var s in cs.EnumerateArray())
            {
                common[s.GetProperty("name").GetString()!] = ParseFields(s.GetProperty("fields"));
            }
        }

        spec.CollectStructs(spec.Fields, valid, common);
        foreach (var s in spec.Structs.Values)
        {
            // A nested class may not share its name with a property of the enclosing message class.
            s.ClassName = spec.Fields.Exists(f => f.Name == s.Name) ? s.Name + "Data" : s.Name;
        }

        return spec;
    }

    private void CollectStructs(List<FieldSpec> fields, Versions context, Dictionary<string, List<FieldSpec>> common)
    {
        foreach (var field in fields)
        {
            if (!field.IsStructType)
            {
                continue;
            }

            var structContext = field.Versions.Intersect(context);
            var structFields = field.Fields ?? (common.TryGetValue(field.ElementType, out var c) ? c : null)
                ?? throw new InvalidOperationException($"{Name}: struct {field.ElementType} has no fields.");
            if (Structs.TryGetValue(field.ElementType, out var existing))
            {
                if (field.Fields is not null && !SameShape(existing.Fields, field.Fields))
                {
                    throw new InvalidOperationException($"{Name}: two different structs named {field.ElementType}.");
                }

                existing.Context = Union(existing.Context, structContext);
                continue;
            }

            Structs[field.ElementType] = new StructSpec { Name = field.ElementType, Fields = structFields, Context = structContext };
            CollectStructs(structFields, structContext, common);
        }
    }

    private static Versions Union(Versions a, Versions b) =>
        a.IsEmpty ? b : b.IsEmpty ? a : new Versions(Math.Min(a.Lowest, b.Lowest), Math.Max(a.Highest, b.Highest));

    private static bool SameShape(List<FieldSpec> a, List<FieldSpec> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name || a[i].Type != b[i].Type || a[i].Versions != b[i].Versions)
            {
                return false;
            }
        }

        return true;
    }

    private static List<FieldSpec> ParseFields(JsonElement array)
    {
        var list = new List<FieldSpec>();
        foreach (var e in array.EnumerateArray())
        {
            string name = e.GetProperty("name").GetString()!;
            if (e.TryGetProperty("flexibleVersions", out _))
            {
                throw new InvalidOperationException($"Field {name}: field-level flexibleVersions is only used by the hand-written headers.");
            }

            list.Add(new FieldSpec
            {
                Name = name,
                Type = e.GetProperty("type").GetString()!,
                Versions = Versions.Parse(Str(e, "versions"), Versions.None),
                NullableVersions = Versions.Parse(Str(e, "nullableVersions"), Versions.None),
                TaggedVersions = Versions.Parse(Str(e, "taggedVersions"), Versions.None),
                Tag = e.TryGetProperty("tag", out var tag) ? tag.GetInt32() : null,
                Default = e.TryGetProperty("default", out var d) ? (d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText()) : null,
                About = Str(e, "about"),
                Fields = e.TryGetProperty("fields", out var nested) ? ParseFields(nested) : null,
            });
        }

        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
