namespace ActorStream.Kafka.CodeGen;

/// <summary>Emits the per-API dispatch of request and response codecs.</summary>
internal static class RegistryEmitter
{
    public static string Emit(IReadOnlyList<MessageSpec> messages)
    {
        var requests = messages.Where(m => m.Type == "request").OrderBy(m => m.ApiKey).ToList();
        var w = new CodeWriter();
        w.Line(MessageEmitter.Header);
        w.Line("namespace ActorStream.Kafka.Protocol.Messages;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads request and response bodies by API key, and reports the version range each codec");
        w.Line("/// implements (all versions of the Kafka 3.8 schemas). Stateless and thread-safe. The broker's");
        w.Line("/// hot path switches on <see cref=\"ApiKey\"/> itself; this dispatch serves generic tooling, the");
        w.Line("/// client and tests.");
        w.Line("/// </summary>");
        w.Open("public static class ApiMessages");
        EmitReader(w, requests, "Request");
        w.Line();
        EmitReader(w, requests, "Response");
        w.Line();
        EmitRange(w, requests, "LowestSupportedVersion", "Lowest request/response version the codecs implement, or -1 for an unknown key.");
        w.Line();
        EmitRange(w, requests, "HighestSupportedVersion", "Highest request/response version the codecs implement, or -1 for an unknown key.");
        w.Line();
        EmitRange(w, requests, "FirstFlexibleVersion", "First flexible version of the API, or -1 if it has none (or the key is unknown).");
        w.Close();
        return w.ToString();
    }

    private static void EmitReader(CodeWriter w, List<MessageSpec> requests, string kind)
    {
        w.Line($"/// <summary>Reads a {kind.ToLowerInvariant()} body of <paramref name=\"apiKey\"/> at <paramref name=\"version\"/>.</summary>");
        w.Open($"public static IKafka{kind} Read{kind}(ApiKey apiKey, ref KafkaReader reader, short version)");
        w.Open("switch (apiKey)");
        foreach (var m in requests)
        {
            string api = MessageEmitter.ApiName(m);
            w.Line($"case ApiKey.{api}:");
            w.Line($"    return {api}{kind}.Read(ref reader, version);");
        }

        w.Line("default:");
        w.Line($"    return ThrowHelper.ThrowMalformed<IKafka{kind}>($\"Unknown API key {{(short)apiKey}}.\");");
        w.Close();
        w.Close();
    }

    private static void EmitRange(CodeWriter w, List<MessageSpec> requests, string property, string summary)
    {
        w.Line($"/// <summary>{summary}</summary>");
        w.Open($"public static short {property}(ApiKey apiKey) => apiKey switch");
        foreach (var m in requests)
        {
            w.Line($"ApiKey.{MessageEmitter.ApiName(m)} => {m.Name}.{property},");
        }

        w.Line("_ => -1,");
        w.Close(";");
    }
}
