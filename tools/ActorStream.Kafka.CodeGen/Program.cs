using ActorStream.Kafka.CodeGen;

// Usage: ActorStream.Kafka.CodeGen <schemas-dir> [repository-root]
// Reads Apache Kafka's message schemas (JSON with // comments) and writes
//   src/ActorStream.Kafka.Protocol/Messages/*.g.cs        codecs (one class per schema)
//   tests/ActorStream.Kafka.Protocol.Tests/Generated/*.g.cs        sample factories for round-trip tests
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: ActorStream.Kafka.CodeGen <schemas-dir> [repository-root]");
    return 2;
}

string schemas = Path.GetFullPath(args[0]);
string root = Path.GetFullPath(args.Length > 1 ? args[1] : ".");
string srcOut = Path.Combine(root, "src", "ActorStream.Kafka.Protocol", "Messages");
string testOut = Path.Combine(root, "tests", "ActorStream.Kafka.Protocol.Tests", "Generated");
if (!Directory.Exists(Path.Combine(root, "src", "ActorStream.Kafka.Protocol")))
{
    Console.Error.WriteLine($"{root} does not look like the repository root (no src/ActorStream.Kafka.Protocol).");
    return 2;
}

var messages = new List<MessageSpec>();
foreach (string file in Directory.GetFiles(schemas, "*.json").Order(StringComparer.Ordinal))
{
    string name = Path.GetFileNameWithoutExtension(file);
    if (name is "RequestHeader" or "ResponseHeader")
    {
        continue; // hand-written: their client_id keeps the classic encoding in flexible versions
    }

    messages.Add(MessageSpec.Load(file));
}

Directory.CreateDirectory(srcOut);
Directory.CreateDirectory(testOut);
foreach (string stale in Directory.GetFiles(srcOut, "*.g.cs").Concat(Directory.GetFiles(testOut, "*.g.cs")))
{
    File.Delete(stale);
}

foreach (var m in messages)
{
    foreach (var (suffix, text) in MessageEmitter.Emit(m))
    {
        File.WriteAllText(Path.Combine(srcOut, m.Name + suffix + ".g.cs"), text);
    }

    File.WriteAllText(Path.Combine(testOut, m.Name + "Sample.g.cs"), SampleEmitter.Emit(m));
}

File.WriteAllText(Path.Combine(srcOut, "ApiMessages.g.cs"), RegistryEmitter.Emit(messages));
File.WriteAllText(Path.Combine(testOut, "MessageSamples.g.cs"), SampleEmitter.EmitRegistry(messages));
Console.WriteLine($"Generated {messages.Count} messages into {srcOut} and {testOut}.");
return 0;
