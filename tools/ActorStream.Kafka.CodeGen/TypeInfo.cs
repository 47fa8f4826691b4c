using System.Globalization;

namespace ActorStream.Kafka.CodeGen;

/// <summary>Maps schema primitive types to C# and to reader/writer calls.</summary>
internal static class TypeInfo
{
    public static bool IsFixed(string type) => FixedSize(type) > 0;

    public static int FixedSize(string type) => type switch
    {
        "bool" or "int8" => 1,
        "int16" or "uint16" => 2,
        "int32" => 4,
        "int64" or "float64" => 8,
        "uuid" => 16,
        _ => 0,
    };

    public static string CSharp(string type) => type switch
    {
        "bool" => "bool",
        "int8" => "sbyte",
        "int16" => "short",
        "uint16" => "ushort",
        "int32" => "int",
        "int64" => "long",
        "float64" => "double",
        "uuid" => "Guid",
        "string" => "string",
        "bytes" => "byte[]",
        "records" => "ReadOnlyMemory<byte>",
        _ => throw new InvalidOperationException($"Unknown primitive type {type}."),
    };

    public static string ReadCall(string type) => type switch
    {
        "bool" => "reader.ReadBoolean()",
        "int8" => "reader.ReadInt8()",
        "int16" => "reader.ReadInt16()",
        "uint16" => "reader.ReadUInt16()",
        "int32" => "reader.ReadInt32()",
        "int64" => "reader.ReadInt64()",
        "float64" => "reader.ReadFloat64()",
        "uuid" => "reader.ReadUuid()",
        "string" => "reader.ReadString(flexible)",
        _ => throw new InvalidOperationException($"No element reader for {type}."),
    };

    public static string WriteCall(string type, string value) => type switch
    {
        "bool" => $"writer.WriteBoolean({value});",
        "int8" => $"writer.WriteInt8({value});",
        "int16" => $"writer.WriteInt16({value});",
        "uint16" => $"writer.WriteUInt16({value});",
        "int32" => $"writer.WriteInt32({value});",
        "int64" => $"writer.WriteInt64({value});",
        "float64" => $"writer.WriteFloat64({value});",
        "uuid" => $"writer.WriteUuid({value});",
        "string" => $"writer.WriteString({value}, flexible);",
        _ => throw new InvalidOperationException($"No element writer for {type}."),
    };

    /// <summary>The C# literal of a schema default for a numeric or bool field, or null when it is the CLR default.</summary>
    public static string? NumericDefault(string type, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (type == "bool")
        {
            return value == "true" ? "true" : null;
        }

        if (type is "uuid" or "float64")
        {
            return value is "0" or "0.0" ? null : throw new InvalidOperationException($"Unsupported default {value} for {type}.");
        }

        long n = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(value, CultureInfo.InvariantCulture);
        if (n == 0)
        {
            return null;
        }

        return type == "int64" ? n.ToString(CultureInfo.InvariantCulture) + "L" : n.ToString(CultureInfo.InvariantCulture);
    }
}
