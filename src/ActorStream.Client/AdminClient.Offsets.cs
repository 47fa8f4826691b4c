using ActorStream.Client.Admin;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Partition offsets: ListOffsets and DeleteRecords on the partition leaders.</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public async Task<List<ListOffsetsResultInfo>> ListOffsetsAsync(IEnumerable<TopicPartitionOffsetSpec> topicPartitionOffsets, ListOffsetsOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicPartitionOffsets);
        var specs = new Dictionary<TopicPartition, OffsetSpec>();
        var partitions = new List<TopicPartition>();
        foreach (var spec in topicPartitionOffsets)
        {
            if (!specs.TryAdd(spec.TopicPartition, spec.OffsetSpec))
            {
                throw new ArgumentException($"{spec.TopicPartition} is listed more than once.", nameof(topicPartitionOffsets));
            }

            partitions.Add(spec.TopicPartition);
        }

        var isolation = (sbyte)(options?.IsolationLevel ?? IsolationLevel.ReadUncommitted);
        var results = await CallPerItemAsync("ListOffsets", options, partitions,
            async (pending, _, token) =>
            {
                var (_, byLeader, unroutable) = await RouteToLeadersAsync(pending, token).ConfigureAwait(false);
                var answered = await FanOutAsync(byLeader, async (leader, items) =>
                {
                    var response = await _cluster.SendAsync<ListOffsetsResponse>(leader, ApiKey.ListOffsets, version =>
                    {
                        var request = new ListOffsetsRequest { ReplicaId = -1, IsolationLevel = isolation };
                        foreach (var (topic, indexes) in ByTopic(items))
                        {
                            var data = new ListOffsetsRequest.ListOffsetsTopic { Name = topic };
                            foreach (var index in indexes)
                            {
                                var spec = specs[new TopicPartition(topic, index)];
                                if (spec.Value == -3 && version < 7)
                                {
                                    throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                                        "OffsetSpec.MaxTimestamp needs ListOffsets v7+"));
                                }

                                data.Partitions.Add(new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = index, Timestamp = spec.Value, MaxNumOffsets = 1 });
                            }

                            request.Topics.Add(data);
                        }

                        return request;
                    }, null, token).ConfigureAwait(false);
                    var result = new Dictionary<TopicPartition, ListOffsetsResultInfo>();
                    foreach (var topic in response.Topics)
                    {
                        foreach (var p in topic.Partitions)
                        {
                            var error = KafkaError.FromBroker(p.ErrorCode);
                            var offset = p.ErrorCode == 0 ? new Offset(p.Offset) : Offset.Unset;
                            result[new TopicPartition(topic.Name, p.PartitionIndex)] =
                                new ListOffsetsResultInfo(new TopicPartitionOffsetError(new TopicPartitionOffset(topic.Name, p.PartitionIndex, offset, p.LeaderEpoch >= 0 ? p.LeaderEpoch : null), error), p.Timestamp);
                        }
                    }

                    return result;
                }, static (tp, error) => FailedOffsets(tp, error)).ConfigureAwait(false);
                foreach (var (tp, error) in unroutable)
                {
                    answered[tp] = FailedOffsets(tp, error);
                }

                return answered;
            },
            static r => r.TopicPartitionOffsetError.Error, IsRetriableOnLeader, static (tp, error) => FailedOffsets(tp, error), cancellationToken).ConfigureAwait(false);

        var list = new List<ListOffsetsResultInfo>(partitions.Count);
        var failed = false;
        foreach (var partition in partitions)
        {
            list.Add(results[partition]);
            failed |= results[partition].TopicPartitionOffsetError.Error.IsError;
        }

        return failed ? throw new ListOffsetsException(list) : list;
    }

    /// <inheritdoc />
    public async Task<List<DeleteRecordsResult>> DeleteRecordsAsync(IEnumerable<TopicPartitionOffset> topicPartitionOffsets, DeleteRecordsOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicPartitionOffsets);
        var offsets = new Dictionary<TopicPartition, Offset>();
        var partitions = new List<TopicPartition>();
        foreach (var offset in topicPartitionOffsets)
        {
            if (offset.Offset.Value < 0 && offset.Offset != Offset.End)
            {
                throw new ArgumentException($"Offset {offset.Offset} of {offset.TopicPartition}: use a real offset, or Offset.End for the high watermark.", nameof(topicPartitionOffsets));
            }

            if (!offsets.TryAdd(offset.TopicPartition, offset.Offset))
            {
                throw new ArgumentException($"{offset.TopicPartition} is listed more than once.", nameof(topicPartitionOffsets));
            }

            partitions.Add(offset.TopicPartition);
        }

        var timeoutMs = (int)(options?.OperationTimeout ?? Limit(options)).TotalMilliseconds;
        var results = await CallPerItemAsync("DeleteRecords", options, partitions,
            async (pending, _, token) =>
            {
                var (_, byLeader, unroutable) = await RouteToLeadersAsync(pending, token).ConfigureAwait(false);
                var answered = await FanOutAsync(byLeader, async (leader, items) =>
                {
                    var response = await _cluster.SendAsync<DeleteRecordsResponse>(leader, ApiKey.DeleteRecords, _ =>
                    {
                        var request = new DeleteRecordsRequest { TimeoutMs = timeoutMs };
                        foreach (var (topic, indexes) in ByTopic(items))
                        {
                            var data = new DeleteRecordsRequest.DeleteRecordsTopic { Name = topic };
                            foreach (var index in indexes)
                            {
                                data.Partitions.Add(new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = index, Offset = offsets[new TopicPartition(topic, index)].Value });
                            }

                            request.Topics.Add(data);
                        }

                        return request;
                    }, null, token).ConfigureAwait(false);
                    var result = new Dictionary<TopicPartition, DeleteRecordsReport>();
                    foreach (var topic in response.Topics)
                    {
                        foreach (var p in topic.Partitions)
                        {
                            result[new TopicPartition(topic.Name, p.PartitionIndex)] =
                                new DeleteRecordsReport(topic.Name, p.PartitionIndex, p.ErrorCode == 0 ? p.LowWatermark : Offset.Unset, KafkaError.FromBroker(p.ErrorCode));
                        }
                    }

                    return result;
                }, static (tp, error) => new DeleteRecordsReport(tp.Topic, tp.Partition, Offset.Unset, error)).ConfigureAwait(false);
                foreach (var (tp, error) in unroutable)
                {
                    answered[tp] = new DeleteRecordsReport(tp.Topic, tp.Partition, Offset.Unset, error);
                }

                return answered;
            },
            static r => r.Error, IsRetriableOnLeader, static (tp, error) => new DeleteRecordsReport(tp.Topic, tp.Partition, Offset.Unset, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<DeleteRecordsReport>(partitions.Count);
        var deleted = new List<DeleteRecordsResult>(partitions.Count);
        var failed = false;
        foreach (var partition in partitions)
        {
            var report = results[partition];
            reports.Add(report);
            deleted.Add(new DeleteRecordsResult(report.Topic, report.Partition, report.Offset));
            failed |= report.Error.IsError;
        }

        return failed ? throw new DeleteRecordsException(reports) : deleted;
    }

    /// <summary>Fresh metadata for the partitions' topics; the partitions grouped by leader, and those without one.</summary>
    private async Task<(ClusterMetadata Metadata, Dictionary<int, List<TopicPartition>> ByLeader, List<(TopicPartition Partition, KafkaError Error)> Unroutable)>
        RouteToLeadersAsync(List<TopicPartition> partitions, CancellationToken token)
    {
        var topics = new List<string>();
        foreach (var partition in partitions)
        {
            if (!topics.Contains(partition.Topic))
            {
                topics.Add(partition.Topic);
            }
        }

        var metadata = await _cluster.RefreshMetadataAsync(topics, cancellationToken: token).ConfigureAwait(false);
        var byLeader = new Dictionary<int, List<TopicPartition>>();
        var unroutable = new List<(TopicPartition, KafkaError)>();
        foreach (var partition in partitions)
        {
            if (HasLeader(metadata, partition, out var leader))
            {
                if (!byLeader.TryGetValue(leader, out var list))
                {
                    byLeader[leader] = list = [];
                }

                list.Add(partition);
                continue;
            }

            var known = metadata.TryGetTopic(partition.Topic, out var topic);
            var error = !known || topic.Error == ErrorCode.UnknownTopicOrPartition || (topic.IsUsable && partition.Partition.Value >= topic.PartitionCount)
                ? new KafkaError(ErrorCode.UnknownTopicOrPartition, $"{partition} does not exist")
                : new KafkaError(ErrorCode.LeaderNotAvailable, $"{partition} has no leader");
            unroutable.Add((partition, error));
        }

        return (metadata, byLeader, unroutable);
    }

    /// <summary>Leader moved or not elected yet, lost connection: retry. A partition that does not exist is final.</summary>
    private static bool IsRetriableOnLeader(KafkaError error) => error.IsRetriable && error.Code != ErrorCode.UnknownTopicOrPartition;

    private static ListOffsetsResultInfo FailedOffsets(TopicPartition partition, KafkaError error) =>
        new(new TopicPartitionOffsetError(new TopicPartitionOffset(partition, Offset.Unset), error), -1);
}
