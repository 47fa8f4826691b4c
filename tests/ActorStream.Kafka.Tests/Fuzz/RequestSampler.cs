using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>
/// Builds well-formed requests of any API by reflection over the generated codecs: every settable property
/// gets a value that a real client could send, chosen by its name and type (topics and groups from small fixed
/// sets so that requests meet existing state, partitions 0..3, short waits, valid record batches in Produce).
/// Deterministic for a given <see cref="Random"/>. Not thread-safe.
/// </summary>
internal sealed class RequestSampler(Random random)
{
    public static readonly string[] Topics = ["fuzz-0", "fuzz-1", "fuzz-2"];
    public static readonly string[] Groups = ["fuzz-g0", "fuzz-g1", "fuzz-g2"];

    private static readonly Dictionary<ApiKey, Type> s_requestTypes = FindRequestTypes();
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Nullable)[]> s_properties = new();
    private static readonly string[] s_configNames = ["retention.ms", "cleanup.policy", "segment.bytes", "max.message.bytes", "no.such.config"];

    /// <summary>A request of <paramref name="apiKey"/> filled with plausible values.</summary>
    public IKafkaRequest Create(ApiKey apiKey)
    {
        var request = (IKafkaRequest)Activator.CreateInstance(s_requestTypes[apiKey])!;
        Fill(request, depth: 0);
        return request;
    }

    /// <summary>The whole frame, size prefix included.</summary>
    public static byte[] Encode(ApiKey apiKey, short version, int correlationId, IKafkaMessage body)
    {
        using var output = new PooledBufferWriter();
        KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "fuzz"), body);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A v2 batch of 1..5 small records (values "fuzz-…").</summary>
    public byte[] ValidBatch(string prefix = "fuzz")
    {
        using var builder = new RecordBatchBuilder();
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(3) == 0 ? null : (ReadOnlyMemory<byte>?)Encoding.ASCII.GetBytes("k" + random.Next(10));
            builder.Append(1_700_000_000_000 + i, key, Encoding.ASCII.GetBytes($"{prefix}-{random.Next()}"));
        }

        return builder.Build();
    }

    private static Dictionary<ApiKey, Type> FindRequestTypes()
    {
        var types = new Dictionary<ApiKey, Type>();
        foreach (var type in typeof(IKafkaRequest).Assembly.GetTypes())
        {
            if (typeof(IKafkaRequest).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false }
                && type.GetField("ApiKeyId", BindingFlags.Public | BindingFlags.Static) is { } field)
            {
                types[(ApiKey)(short)field.GetValue(null)!] = type;
            }
        }

        return types;
    }

    private static (PropertyInfo Property, bool Nullable)[] PropertiesOf(Type type) => s_properties.GetOrAdd(type, static t =>
    {
        var context = new NullabilityInfoContext();
        var properties = new List<(PropertyInfo, bool)>();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanWrite && property.GetIndexParameters().Length == 0)
            {
                properties.Add((property, context.Create(property).WriteState == NullabilityState.Nullable));
            }
        }

        return [.. properties];
    });

    private void Fill(object target, int depth)
    {
        var owner = target.GetType().Name;
        foreach (var (property, nullable) in PropertiesOf(target.GetType()))
        {
            property.SetValue(target, ValueFor(target, owner, property, nullable, depth));
        }
    }

    private object? ValueFor(object target, string owner, PropertyInfo property, bool nullable, int depth)
    {
        var name = property.Name;
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            return nullable && random.Next(4) == 0 ? null : StringFor(owner, name);
        }

        if (type == typeof(int))
        {
            return IntFor(name);
        }

        if (type == typeof(long))
        {
            return name switch
            {
                "Timestamp" => Pick(-1L, -2L, -3L, 0L, 1_700_000_000_000L),
                "FetchOffset" or "CommittedOffset" or "Offset" => (long)random.Next(-1, 60),
                _ => name.Contains("Producer", StringComparison.Ordinal) || name.Contains("Retention", StringComparison.Ordinal)
                    || name.Contains("Epoch", StringComparison.Ordinal) || name == "CommitTimestamp" || name == "LogStartOffset"
                    ? -1L
                    : (long)random.Next(0, 100),
            };
        }

        if (type == typeof(short))
        {
            return name switch
            {
                "Acks" => Pick<short>(-1, 0, 1),
                "ReplicationFactor" => Pick<short>(-1, 1),
                "ProducerEpoch" => (short)-1,
                _ => (short)random.Next(0, 4),
            };
        }

        if (type == typeof(sbyte))
        {
            return name switch
            {
                "ResourceType" => Pick<sbyte>(2, 4),
                "ConfigOperation" => (sbyte)random.Next(0, 4),
                "EndpointType" => (sbyte)random.Next(1, 3),
                _ => (sbyte)random.Next(0, 2),
            };
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (type == typeof(Guid))
        {
            return Guid.Empty;
        }

        if (type == typeof(byte[]))
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            return bytes;
        }

        if (type == typeof(ReadOnlyMemory<byte>?))
        {
            return random.Next(20) == 0 ? null : (ReadOnlyMemory<byte>?)ValidBatch();
        }

        if (type == typeof(List<int>))
        {
            var list = new List<int>();
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                list.Add(name == "BrokerIds" ? 3 : random.Next(0, 4));
            }

            return list;
        }

        if (type == typeof(List<string>))
        {
            if (nullable && random.Next(5) == 0)
            {
                return null;
            }

            var list = new List<string>();
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                list.Add(StringFor(owner, name));
            }

            return list;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (nullable && random.Next(6) == 0)
            {
                return null;
            }

            var list = (IList)Activator.CreateInstance(type)!;
            var elementType = type.GetGenericArguments()[0];
            for (var n = depth > 2 ? random.Next(0, 2) : random.Next(1, 4); n > 0; n--)
            {
                var element = Activator.CreateInstance(elementType)!;
                Fill(element, depth + 1);
                list.Add(element);
            }

            return list;
        }

        // Nested single structs (e.g. Fetch's replica state): keep the default.
        return property.GetValue(target);
    }

    private string StringFor(string owner, string name)
    {
        if (owner.Contains("Config", StringComparison.Ordinal))
        {
            return name == "Name" ? Pick(s_configNames) : Pick("1000", "delete", "compact", "-5", "x");
        }

        return name switch
        {
            "Name" or "Topic" or "TopicNames" or "ResourceName" => random.Next(30) == 0 ? "fuzz-new-" + random.Next(8) : Pick(Topics),
            "GroupId" or "Key" or "Groups" or "GroupsNames" or "CoordinatorKeys" => Pick(Groups),
            "MemberId" => random.Next(4) == 0 ? "member-" + random.Next(3) : string.Empty,
            "GroupInstanceId" => "instance-" + random.Next(3),
            "ProtocolType" => "consumer",
            "ProtocolName" => "range",
            "Mechanism" => "PLAIN",
            "StatesFilter" => Pick("Stable", "Empty", "Dead"),
            "TypesFilter" => Pick("consumer", "classic"),
            "ConfigurationKeys" => Pick(s_configNames),
            _ => "fuzz-" + random.Next(100),
        };
    }

    private int IntFor(string name) => name switch
    {
        "PartitionIndex" or "Partition" or "Index" => random.Next(0, 4),
        "TimeoutMs" or "timeoutMs" => random.Next(0, 2_000),
        "MaxWaitMs" => random.Next(0, 50),
        "MinBytes" => random.Next(0, 2),
        "MaxBytes" or "PartitionMaxBytes" => random.Next(1, 1 << 20),
        "SessionTimeoutMs" => random.Next(100, 1_000),
        "RebalanceTimeoutMs" => random.Next(100, 1_000),
        "TransactionTimeoutMs" => random.Next(1_000, 60_000),
        "NumPartitions" => random.Next(-1, 5),
        "Count" => random.Next(1, 6),
        "MaxNumOffsets" => 1,
        "ReplicaId" or "SessionEpoch" => -1,
        "SessionId" => 0,
        _ when name.Contains("Epoch", StringComparison.Ordinal) || name.Contains("Generation", StringComparison.Ordinal) => random.Next(-1, 2),
        _ => random.Next(0, 10),
    };

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];
}
