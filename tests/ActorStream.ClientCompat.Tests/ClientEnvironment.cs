using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// Where the real clients are on this machine and what they support. A missing client makes its
/// tests fail with a message naming the package to install; only optional codec libraries and
/// API methods a client version lacks turn into explicit skips.
/// </summary>
public static class ClientEnvironment
{
    private static readonly Lazy<PythonProbe> s_probe = new(RunProbe);

    /// <summary>Scenario scripts copied next to the test assembly.</summary>
    public static string ScriptsDirectory { get; } = AppContext.BaseDirectory;

    /// <summary>Debian's Python, where python3-kafka and python3-confluent-kafka install.</summary>
    public static string Python { get; } = Environment.GetEnvironmentVariable("ACTORSTREAM_TEST_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>The kcat executable; fails the test when it is not installed.</summary>
    public static string RequireKcat() =>
        FindExecutable("kcat", "/usr/bin/kcat")
        ?? throw new InvalidOperationException("kcat is not installed: install the Debian package kcat (scripts/test.sh does).");

    /// <summary>Python with kafka-python; fails the test when it is missing.</summary>
    public static string RequireKafkaPython()
    {
        RequirePython();
        if (s_probe.Value.KafkaPython is null)
        {
            throw new InvalidOperationException($"kafka-python is not importable by {Python} ({s_probe.Value.KafkaError}): install the Debian package python3-kafka (scripts/test.sh does).");
        }

        return Python;
    }

    /// <summary>Python with confluent-kafka-python; fails the test when it is missing.</summary>
    public static string RequireConfluentKafka()
    {
        RequirePython();
        if (s_probe.Value.ConfluentKafka is null)
        {
            throw new InvalidOperationException($"confluent-kafka-python is not importable by {Python} ({s_probe.Value.ConfluentError}): install the Debian package python3-confluent-kafka (scripts/test.sh does).");
        }

        return Python;
    }

    /// <summary>node plus the kafkajs package installed by <c>npm ci</c>; fails the test when either is missing.</summary>
    public static (string Node, string NodeModules) RequireKafkaJs()
    {
        var node = FindExecutable("node", "/usr/bin/node")
            ?? throw new InvalidOperationException("node is not installed: install the Debian package nodejs.");
        var modules = typeof(ClientEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "KafkaJsNodeModules")?.Value ?? string.Empty;
        if (!File.Exists(Path.Combine(modules, "kafkajs", "package.json")))
        {
            throw new InvalidOperationException($"kafkajs is not installed under '{modules}': run 'npm ci' in tests/ActorStream.ClientCompat.Tests/js (scripts/test.sh does).");
        }

        return (node, modules);
    }

    /// <summary>Why a kafka-python codec test is skipped, or null when the codec is there (or kafka-python is missing, which must fail).</summary>
    public static string? KafkaPythonCodecSkipReason(string codec)
    {
        var probe = s_probe.Value;
        if (probe.KafkaPython is null || probe.KafkaCodecs.GetValueOrDefault(codec))
        {
            return null;
        }

        var module = codec switch
        {
            "snappy" => "snappy (Debian python3-snappy)",
            "lz4" => "lz4 (Debian python3-lz4)",
            "zstd" => "zstandard (Debian python3-zstandard)",
            _ => codec,
        };
        return $"kafka-python {probe.KafkaPython} here cannot use {codec}: its Python module {module} is not installed";
    }

    /// <summary>Why a confluent-kafka AdminClient test is skipped, or null when the method exists (or the client is missing, which must fail).</summary>
    public static string? ConfluentAdminSkipReason(string method)
    {
        var probe = s_probe.Value;
        if (probe.ConfluentKafka is null || probe.ConfluentAdmin.Contains(method))
        {
            return null;
        }

        return $"confluent-kafka-python {probe.ConfluentKafka} has no AdminClient.{method} (newer versions add it)";
    }

    private static void RequirePython()
    {
        if (!File.Exists(Python) && FindExecutable(Python, Python) is null)
        {
            throw new InvalidOperationException($"{Python} is not installed: install the Debian package python3.");
        }

        if (s_probe.Value.Error is { } error)
        {
            throw new InvalidOperationException($"{Python} could not report its Kafka libraries: {error}");
        }
    }

    private static string? FindExecutable(string name, string preferred)
    {
        if (File.Exists(preferred))
        {
            return preferred;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // Runs at test discovery too (skip reasons), so it is synchronous.
    private static PythonProbe RunProbe()
    {
        try
        {
            var info = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(ScriptsDirectory, "python", "probe.py"));
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return PythonProbe.Failed("probe.py timed out");
            }

#pragma warning disable VSTHRD002 // The process has exited: its output streams are complete.
            var output = stdout.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                return PythonProbe.Failed($"probe.py exited with {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
            }
#pragma warning restore VSTHRD002

            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            var codecs = new Dictionary<string, bool>();
            if (root.TryGetProperty("kafka_codecs", out var c))
            {
                foreach (var codec in c.EnumerateObject())
                {
                    codecs[codec.Name] = codec.Value.GetBoolean();
                }
            }

            var admin = new HashSet<string>();
            if (root.TryGetProperty("confluent_admin", out var a))
            {
                foreach (var method in a.EnumerateArray())
                {
                    admin.Add(method.GetString()!);
                }
            }

            return new PythonProbe(
                Str(root, "kafka"), Str(root, "kafka_error"), codecs,
                Str(root, "confluent_kafka"), Str(root, "confluent_error"), admin, null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or JsonException)
        {
            return PythonProbe.Failed(e.Message);
        }

        static string? Str(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private sealed record PythonProbe(
        string? KafkaPython,
        string? KafkaError,
        Dictionary<string, bool> KafkaCodecs,
        string? ConfluentKafka,
        string? ConfluentError,
        HashSet<string> ConfluentAdmin,
        string? Error)
    {
        public static PythonProbe Failed(string error) => new(null, error, [], null, error, [], error);
    }
}
