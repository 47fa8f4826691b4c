namespace ActorStream.Kafka.CodeGen;

/// <summary>
/// Emits, into the test project, a factory per message that fills every field present in a
/// version with non-default sample values (nulls, empties or data depending on the sample mode).
/// </summary>
internal static class SampleEmitter
{
    public static string Emit(MessageSpec m)
    {
        var w = new CodeWriter();
        w.Line(MessageEmitter.Header);
        w.Line("using ActorStream.Kafka.Protocol.Messages;");
        w.Line("using ActorStream.Kafka.Protocol.Tests.Support;");
        w.Line();
        w.Line("namespace ActorStream.Kafka.Protocol.Tests.Generated;");
        w.Line();
        w.Open($"internal static class {m.Name}Sample");
        var top = new StructSpec { Name = m.Name, Fields = m.Fields, Context = m.Valid };
        EmitFactory(w, m, top, "Create", m.Name, "public");
        foreach (var s in m.Structs.Values)
        {
            w.Line();
            EmitFactory(w, m, s, "Create" + s.Name, $"{m.Name}.{s.ClassName}", "private");
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitFactory(CodeWriter w, MessageSpec m, StructSpec s, string method, string cls, string visibility)
    {
        w.Open($"{visibility} static {cls} {method}(short version, SampleValues s)");
        w.Line($"var result = new {cls}();");
        foreach (var spec in s.Fields)
        {
            var f = new FieldModel(m, spec, s.Context);
            string cond = f.PresentCondition;
            if (cond == "false")
            {
                continue;
            }

            if (cond != "true")
            {
                w.Open($"if ({cond})");
            }

            EmitAssign(w, f);
            if (cond != "true")
            {
                w.Close();
            }
        }

        w.Line("return result;");
        w.Close();
    }

    private static void EmitAssign(CodeWriter w, FieldModel f)
    {
        string target = "result." + f.Name;
        string nullable = f.NullableCondition;
        if (f.IsArray)
        {
            if (nullable != "false")
            {
                w.Open($"if (s.Null(nullable: {nullable}))");
                w.Line($"{target} = null;");
                w.Close();
                w.Open("else");
            }
            else
            {
                w.Open();
            }

            w.Line($"var list = new List<{f.ElementCs}>();");
            w.Line("int n = s.Count();");
            w.Open("for (int i = 0; i < n; i++)");
            w.Line($"list.Add({Element(f)});");
            w.Close();
            w.Line($"{target} = list;");
            w.Close();
            return;
        }

        if (f.IsStruct)
        {
            w.Line(f.IsTagged
                ? $"{target} = s.Null(nullable: true) ? null : Create{f.ElementType}(version, s);"
                : $"{target} = Create{f.ElementType}(version, s);");
            return;
        }

        w.Line(f.ElementType switch
        {
            "string" => nullable == "false" ? $"{target} = s.String();" : $"{target} = s.String(nullable: {nullable});",
            "bytes" => nullable == "false" ? $"{target} = s.Bytes();" : $"{target} = s.Bytes(nullable: {nullable});",
            "records" => $"{target} = s.Records(nullable: {nullable});",
            _ => $"{target} = {Element(f)};",
        });
    }

    private static string Element(FieldModel f) => f.IsStruct
        ? $"Create{f.ElementType}(version, s)"
        : f.ElementType switch
        {
            "bool" => "s.Bool()",
            "int8" => "s.Int8()",
            "int16" => "s.Int16()",
            "uint16" => "s.UInt16()",
            "int32" => "s.Int32()",
            "int64" => "s.Int64()",
            "float64" => "s.Float64()",
            "uuid" => "s.Uuid()",
            "string" => "s.String()",
            _ => throw new InvalidOperationException($"No sample for {f.ElementType}."),
        };

    public static string EmitRegistry(IReadOnlyList<MessageSpec> messages)
    {
        var w = new CodeWriter();
        w.Line(MessageEmitter.Header);
        w.Line("using ActorStream.Kafka.Protocol.Messages;");
        w.Line("using ActorStream.Kafka.Protocol.Tests.Support;");
        w.Line();
        w.Line("namespace ActorStream.Kafka.Protocol.Tests.Generated;");
        w.Line();
        w.Open("internal static class MessageSamples");
        w.Line("public static IReadOnlyList<MessageSample> All { get; } =");
        w.Line("[");
        foreach (var m in messages)
        {
            w.Line($"    new(\"{m.Name}\", {m.Name}.LowestSupportedVersion, {m.Name}.HighestSupportedVersion, {m.Name}Sample.Create, {m.Name}.Read),");
        }

        w.Line("];");
        w.Close();
        return w.ToString();
    }
}
