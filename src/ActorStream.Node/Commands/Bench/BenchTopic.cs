using ActorStream.Client;
using ActorStream.Client.Admin;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Node.Commands.Bench;

/// <summary>Creates the benchmark topic when it is missing and finds its partitions and their offsets.</summary>
internal static class BenchTopic
{
    private static readonly TimeSpan s_leaderWait = TimeSpan.FromSeconds(30);

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions unless it exists; returns its partition count once every partition has a leader.</summary>
    /// <param name="bootstrap">The bootstrap servers.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">Partitions for a new topic.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<int> EnsureAsync(string bootstrap, string topic, int partitions, CancellationToken cancellationToken)
    {
        using var admin = CommandRunner.CreateAdmin(bootstrap);
        try
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = -1 }], cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.Count == 1 && e.Results[0].Error.Code == ErrorCode.TopicAlreadyExists)
        {
            // An existing topic is used as it is.
        }

        return await WaitForLeadersAsync(admin, topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition count of an existing topic (throws a Kafka error when it does not exist).</summary>
    /// <param name="bootstrap">The bootstrap servers.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<int> DescribeAsync(string bootstrap, string topic, CancellationToken cancellationToken)
    {
        using var admin = CommandRunner.CreateAdmin(bootstrap);
        return await WaitForLeadersAsync(admin, topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each partition's low and high watermark.</summary>
    /// <param name="consumer">A consumer of the cluster.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">Its partition count.</param>
    public static WatermarkOffsets[] Watermarks<TKey, TValue>(IConsumer<TKey, TValue> consumer, string topic, int partitions)
    {
        var offsets = new WatermarkOffsets[partitions];
        for (var p = 0; p < partitions; p++)
        {
            offsets[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(30));
        }

        return offsets;
    }

    private static async Task<int> WaitForLeadersAsync(IAdminClient admin, string topic, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        while (true)
        {
            var described = await admin.DescribeTopicsAsync([topic], cancellationToken: cancellationToken).ConfigureAwait(false);
            var partitions = described.TopicDescriptions[0].Partitions;
            var led = 0;
            foreach (var partition in partitions)
            {
                led += partition.Leader is null ? 0 : 1;
            }

            if (partitions.Count > 0 && led == partitions.Count)
            {
                return partitions.Count;
            }

            if (time.GetElapsedTime(started) > s_leaderWait)
            {
                throw new TimeoutException($"topic {topic}: {led} of {partitions.Count} partitions have a leader after {s_leaderWait.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
