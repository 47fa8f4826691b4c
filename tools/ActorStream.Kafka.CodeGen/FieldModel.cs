namespace ActorStream.Kafka.CodeGen;

/// <summary>A field resolved against the versions in which its struct appears.</summary>
internal sealed class FieldModel
{
    public FieldModel(MessageSpec message, FieldSpec spec, Versions context)
    {
        Spec = spec;
        Context = context;
        Present = spec.Versions.Intersect(context);
        Nullable = spec.NullableVersions.Intersect(Present);
        IsTagged = !spec.TaggedVersions.Intersect(Present).IsEmpty;
        if (IsTagged && spec.TaggedVersions.Intersect(Present) != Present)
        {
            throw new InvalidOperationException($"{message.Name}.{spec.Name}: a field tagged in only some of its versions is not supported.");
        }

        if (IsTagged && !message.Flexible.Contains(Present))
        {
            throw new InvalidOperationException($"{message.Name}.{spec.Name}: tagged outside flexible versions.");
        }

        ElementType = spec.ElementType;
        IsStruct = spec.IsStructType;
        ElementCs = IsStruct ? $"{message.Name}.{message.Structs[ElementType].ClassName}" : TypeInfo.CSharp(ElementType);
        bool anyNullable = !spec.NullableVersions.IsEmpty;
        if (spec.IsArray)
        {
            if (!IsStruct && ElementType is "bytes" or "records")
            {
                throw new InvalidOperationException($"{message.Name}.{spec.Name}: arrays of {ElementType} are not supported.");
            }

            PropertyType = $"List<{ElementCs}>" + (anyNullable ? "?" : string.Empty);
        }
        else if (IsStruct)
        {
            if (anyNullable)
            {
                throw new InvalidOperationException($"{message.Name}.{spec.Name}: nullable structs are not supported.");
            }

            PropertyType = ElementCs + (IsTagged ? "?" : string.Empty);
        }
        else if (ElementType == "records")
        {
            if (!anyNullable)
            {
                throw new InvalidOperationException($"{message.Name}.{spec.Name}: non-nullable records are not supported.");
            }

            PropertyType = "ReadOnlyMemory<byte>?";
        }
        else if (ElementType is "string" or "bytes")
        {
            PropertyType = ElementCs + (anyNullable ? "?" : string.Empty);
        }
        else
        {
            if (anyNullable)
            {
                throw new InvalidOperationException($"{message.Name}.{spec.Name}: nullable {ElementType} is not supported.");
            }

            PropertyType = ElementCs;
        }
    }

    public FieldSpec Spec { get; }

    public Versions Context { get; }

    /// <summary>Versions (within the context) in which the field is on the wire.</summary>
    public Versions Present { get; }

    /// <summary>Versions (within <see cref="Present"/>) in which it may be null.</summary>
    public Versions Nullable { get; }

    public bool IsTagged { get; }

    public bool IsArray => Spec.IsArray;

    public bool IsStruct { get; }

    public string ElementType { get; }

    public string ElementCs { get; }

    public string PropertyType { get; }

    public string Name => Spec.Name;

    public string PresentCondition => Present.Condition(Context);

    public string NullableCondition => Nullable.Condition(Present);

    public bool DefaultIsNull => Spec.Default == "null";

    /// <summary>The property initializer, or null for the CLR default.</summary>
    public string? Initializer()
    {
        if (IsArray)
        {
            return DefaultIsNull ? null : "[]";
        }

        if (IsStruct)
        {
            return IsTagged ? null : "new()";
        }

        return ElementType switch
        {
            "string" => DefaultIsNull ? null : Spec.Default is null or "" ? "string.Empty" : "\"" + Spec.Default + "\"",
            "bytes" => DefaultIsNull ? null : "[]",
            "records" => "ReadOnlyMemory<byte>.Empty",
            _ => TypeInfo.NumericDefault(ElementType, Spec.Default),
        };
    }

    /// <summary>For tagged fields: a C# condition that the value differs from its default (only then is it written).</summary>
    public string NonDefaultCondition()
    {
        string p = Name;
        if (IsArray)
        {
            return DefaultIsNull ? $"{p} is not null" : $"({p} is null ? {(Nullable.IsEmpty ? "false" : "true")} : {p}.Count != 0)";
        }

        if (IsStruct)
        {
            return $"{p} is not null";
        }

        return ElementType switch
        {
            "string" => DefaultIsNull ? $"{p} is not null" : $"!string.Equals({p}, {Initializer()}, StringComparison.Ordinal)",
            "bytes" => DefaultIsNull ? $"{p} is not null" : $"({p} is null ? {(Nullable.IsEmpty ? "false" : "true")} : {p}.Length != 0)",
            "uuid" => $"{p} != Guid.Empty",
            "bool" => Initializer() == "true" ? $"!{p}" : p,
            _ => $"{p} != {Initializer() ?? "0"}",
        };
    }
}
