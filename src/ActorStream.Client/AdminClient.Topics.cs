using ActorStream.Client.Admin;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Topics: create, delete, describe, list, add partitions (through the controller).</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public async Task CreateTopicsAsync(IEnumerable<TopicSpecification> topics, CreateTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var specs = new Dictionary<string, TopicSpecification>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var spec in topics)
        {
            if (!specs.TryAdd(spec.Name, spec))
            {
                throw new ArgumentException($"Topic '{spec.Name}' is listed more than once.", nameof(topics));
            }

            names.Add(spec.Name);
        }

        var timeoutMs = (int)(options?.OperationTimeout ?? Limit(options)).TotalMilliseconds;
        var results = await CallPerItemAsync("CreateTopics", options, names,
            async (pending, round, token) =>
            {
                if (round > 0)
                {
                    await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false); // the controller may have moved
                }

                var response = await _cluster.SendToControllerAsync<CreateTopicsResponse>(ApiKey.CreateTopics, version =>
                {
                    var request = new CreateTopicsRequest { timeoutMs = timeoutMs, validateOnly = options?.ValidateOnly ?? false };
                    foreach (var name in pending)
                    {
                        request.Topics.Add(ToCreatable(specs[name], version));
                    }

                    return request;
                }, token).ConfigureAwait(false);
                var answered = new Dictionary<string, CreateTopicReport>(StringComparer.Ordinal);
                foreach (var topic in response.Topics)
                {
                    answered[topic.Name] = new CreateTopicReport(topic.Name, KafkaError.FromBroker(topic.ErrorCode, topic.ErrorMessage));
                }

                return answered;
            },
            static r => r.Error, IsRetriableRouting, static (name, error) => new CreateTopicReport(name, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<CreateTopicReport>(names.Count);
        var failed = false;
        foreach (var name in names)
        {
            reports.Add(results[name]);
            failed |= results[name].Error.IsError;
        }

        if (failed)
        {
            throw new CreateTopicsException(reports);
        }
    }

    /// <inheritdoc />
    public async Task DeleteTopicsAsync(IEnumerable<string> topics, DeleteTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var names = Distinct(topics, "Topic");
        var timeoutMs = (int)(options?.OperationTimeout ?? Limit(options)).TotalMilliseconds;
        var results = await CallPerItemAsync("DeleteTopics", options, names,
            async (pending, round, token) =>
            {
                if (round > 0)
                {
                    await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false);
                }

                var response = await _cluster.SendToControllerAsync<DeleteTopicsResponse>(ApiKey.DeleteTopics, version =>
                {
                    var request = new DeleteTopicsRequest { TimeoutMs = timeoutMs };
                    foreach (var name in pending)
                    {
                        if (version >= 6)
                        {
                            request.Topics.Add(new DeleteTopicsRequest.DeleteTopicState { Name = name });
                        }
                        else
                        {
                            request.TopicNames.Add(name);
                        }
                    }

                    return request;
                }, token).ConfigureAwait(false);
                var answered = new Dictionary<string, DeleteTopicReport>(StringComparer.Ordinal);
                foreach (var topic in response.Responses)
                {
                    if (topic.Name is { } name)
                    {
                        answered[name] = new DeleteTopicReport(name, KafkaError.FromBroker(topic.ErrorCode, topic.ErrorMessage));
                    }
                }

                return answered;
            },
            static r => r.Error,
            static e => e.IsRetriable && e.Code != ErrorCode.UnknownTopicOrPartition, // an unknown topic stays unknown
            static (name, error) => new DeleteTopicReport(name, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<DeleteTopicReport>(names.Count);
        var failed = false;
        foreach (var name in names)
        {
            reports.Add(results[name]);
            failed |= results[name].Error.IsError;
        }

        if (failed)
        {
            throw new DeleteTopicsException(reports);
        }
    }

    /// <inheritdoc />
    public async Task<DescribeTopicsResult> DescribeTopicsAsync(IEnumerable<string> topics, DescribeTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var names = Distinct(topics, "Topic");
        var metadata = await CallAsync("DescribeTopics", options,
            (_, token) => _cluster.RefreshMetadataAsync(names, allowAutoTopicCreation: false, token), cancellationToken).ConfigureAwait(false);
        var descriptions = new List<TopicDescription>(names.Count);
        var failed = false;
        foreach (var name in names)
        {
            if (!metadata.TryGetTopic(name, out var topic))
            {
                descriptions.Add(new TopicDescription(name, Guid.Empty, false, [], new KafkaError(ErrorCode.UnknownTopicOrPartition)));
                failed = true;
                continue;
            }

            var partitions = new List<TopicPartitionInfo>(topic.PartitionCount);
            foreach (var partition in topic.Partitions)
            {
                partitions.Add(new TopicPartitionInfo(partition.Partition, ToNode(metadata, partition.Leader), Nodes(metadata, partition.Replicas), Nodes(metadata, partition.Isr)));
            }

            var error = topic.Error == ErrorCode.None ? KafkaError.NoError : new KafkaError(topic.Error);
            failed |= error.IsError;
            descriptions.Add(new TopicDescription(name, topic.TopicId, topic.IsInternal, partitions, error));
        }

        var result = new DescribeTopicsResult(descriptions);
        return failed ? throw new DescribeTopicsException(result) : result;
    }

    /// <inheritdoc />
    public async Task<List<TopicListing>> ListTopicsAsync(ListTopicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var metadata = await CallAsync("ListTopics", options,
            (_, token) => _cluster.RefreshMetadataAsync(null, allowAutoTopicCreation: false, token), cancellationToken).ConfigureAwait(false);
        var listings = new List<TopicListing>(metadata.Topics.Count);
        foreach (var topic in metadata.Topics.Values)
        {
            if (topic.Error == ErrorCode.None && (!topic.IsInternal || options?.ListInternal == true))
            {
                listings.Add(new TopicListing(topic.Name, topic.TopicId, topic.IsInternal));
            }
        }

        listings.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return listings;
    }

    /// <inheritdoc />
    public async Task CreatePartitionsAsync(IEnumerable<PartitionsSpecification> partitionsSpecifications, CreatePartitionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionsSpecifications);
        var specs = new Dictionary<string, PartitionsSpecification>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var spec in partitionsSpecifications)
        {
            if (!specs.TryAdd(spec.Topic, spec))
            {
                throw new ArgumentException($"Topic '{spec.Topic}' is listed more than once.", nameof(partitionsSpecifications));
            }

            names.Add(spec.Topic);
        }

        var timeoutMs = (int)(options?.OperationTimeout ?? Limit(options)).TotalMilliseconds;
        var results = await CallPerItemAsync("CreatePartitions", options, names,
            async (pending, round, token) =>
            {
                if (round > 0)
                {
                    await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false);
                }

                var response = await _cluster.SendToControllerAsync<CreatePartitionsResponse>(ApiKey.CreatePartitions, _ =>
                {
                    var request = new CreatePartitionsRequest { TimeoutMs = timeoutMs, ValidateOnly = options?.ValidateOnly ?? false };
                    foreach (var name in pending)
                    {
                        var spec = specs[name];
                        List<CreatePartitionsRequest.CreatePartitionsAssignment>? assignments = null;
                        if (spec.ReplicaAssignments is { } replicas)
                        {
                            assignments = new List<CreatePartitionsRequest.CreatePartitionsAssignment>(replicas.Count);
                            foreach (var brokers in replicas)
                            {
                                assignments.Add(new CreatePartitionsRequest.CreatePartitionsAssignment { BrokerIds = [.. brokers] });
                            }
                        }

                        request.Topics.Add(new CreatePartitionsRequest.CreatePartitionsTopic { Name = name, Count = spec.IncreaseTo, Assignments = assignments });
                    }

                    return request;
                }, token).ConfigureAwait(false);
                var answered = new Dictionary<string, CreatePartitionsReport>(StringComparer.Ordinal);
                foreach (var topic in response.Results)
                {
                    answered[topic.Name] = new CreatePartitionsReport(topic.Name, KafkaError.FromBroker(topic.ErrorCode, topic.ErrorMessage));
                }

                return answered;
            },
            static r => r.Error,
            static e => e.IsRetriable && e.Code != ErrorCode.UnknownTopicOrPartition,
            static (name, error) => new CreatePartitionsReport(name, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<CreatePartitionsReport>(names.Count);
        var failed = false;
        foreach (var name in names)
        {
            reports.Add(results[name]);
            failed |= results[name].Error.IsError;
        }

        if (failed)
        {
            throw new CreatePartitionsException(reports);
        }
    }

    private static CreateTopicsRequest.CreatableTopic ToCreatable(TopicSpecification spec, short version)
    {
        if (version < 4 && (spec.ReplicasAssignments is null && (spec.NumPartitions < 0 || spec.ReplicationFactor < 0)))
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                $"Topic '{spec.Name}': the broker needs an explicit partition count and replication factor (broker defaults need CreateTopics v4+)"));
        }

        var topic = new CreateTopicsRequest.CreatableTopic
        {
            Name = spec.Name,
            NumPartitions = spec.ReplicasAssignments is null ? spec.NumPartitions : -1,
            ReplicationFactor = spec.ReplicasAssignments is null ? spec.ReplicationFactor : (short)-1,
        };
        if (spec.ReplicasAssignments is { } assignments)
        {
            foreach (var (partition, brokers) in assignments)
            {
                topic.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = partition, BrokerIds = [.. brokers] });
            }
        }

        if (spec.Configs is { } configs)
        {
            foreach (var (name, value) in configs)
            {
                topic.Configs.Add(new CreateTopicsRequest.CreateableTopicConfig { Name = name, Value = value });
            }
        }

        return topic;
    }

    private static List<Node> Nodes(Network.ClusterMetadata metadata, int[] ids)
    {
        var nodes = new List<Node>(ids.Length);
        foreach (var id in ids)
        {
            nodes.Add(ToNode(metadata, id) ?? new Node(id, string.Empty, -1));
        }

        return nodes;
    }
}
