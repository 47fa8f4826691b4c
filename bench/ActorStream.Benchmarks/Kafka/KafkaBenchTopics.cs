using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>Topic set-up for the load generator: CreateTopics (when missing) and Metadata.</summary>
internal static class KafkaBenchTopics
{
    /// <summary>
    /// Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions unless it exists;
    /// returns the partition count the broker reports for it.
    /// </summary>
    public static async Task<int> EnsureAsync(KafkaBenchConnection connection, string topic, int partitions)
    {
        var create = new CreateTopicsRequest { timeoutMs = 30_000 };
        create.Topics.Add(new CreateTopicsRequest.CreatableTopic { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 });
        var created = await connection.RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, 5, create);
        foreach (var result in created.Topics)
        {
            if (result.ErrorCode is not (0 or (short)ErrorCode.TopicAlreadyExists))
            {
                throw new InvalidOperationException($"CreateTopics {topic}: error {(ErrorCode)result.ErrorCode} {result.ErrorMessage}");
            }
        }

        var count = await PartitionCountAsync(connection, topic);
        if (count != partitions)
        {
            Console.WriteLine($"topic {topic} exists with {count} partitions (asked for {partitions}); using {count}");
        }

        return count;
    }

    /// <summary>The partition count of <paramref name="topic"/> from Metadata; throws when unknown.</summary>
    public static async Task<int> PartitionCountAsync(KafkaBenchConnection connection, string topic)
    {
        var request = new MetadataRequest { AllowAutoTopicCreation = false, Topics = [new MetadataRequest.MetadataRequestTopic { Name = topic }] };
        var metadata = await connection.RequestAsync<MetadataResponse>(ApiKey.Metadata, 9, request);
        foreach (var t in metadata.Topics)
        {
            if (t.Name == topic)
            {
                if (t.ErrorCode != 0)
                {
                    throw new InvalidOperationException($"Metadata {topic}: error {(ErrorCode)t.ErrorCode}");
                }

                return t.Partitions.Count;
            }
        }

        throw new InvalidOperationException($"Metadata did not return topic {topic}");
    }
}
