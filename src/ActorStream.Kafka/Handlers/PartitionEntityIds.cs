using System.Globalization;
using ActorStream.Broker.Topics;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// The one mapping between a topic partition and the entity id of its <c>PartitionActor</c> in the
/// partition router: <c>{topic}-{partition}-{topicId:N}</c>. The topic id makes a topic that is deleted
/// and created again a new log (new entity, new persistence id) rather than the old one revived. Topic
/// names may contain '-', so the id is parsed from the end.
/// </summary>
public static class PartitionEntityIds
{
    private const int TopicIdLength = 32;

    /// <summary>The entity id of partition <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    public static string For(TopicMetadata topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return For(topic.Name, partition, topic.TopicId);
    }

    /// <summary>The entity id of partition <paramref name="partition"/> of topic <paramref name="topic"/> with id <paramref name="topicId"/>.</summary>
    public static string For(string topic, int partition, Guid topicId) =>
        string.Concat(topic, "-", partition.ToString(CultureInfo.InvariantCulture), "-", topicId.ToString("N", CultureInfo.InvariantCulture));

    /// <summary>The persistence id of the partition log behind <paramref name="entityId"/>.</summary>
    public static string PersistenceId(string entityId) => "partition-" + entityId;

    /// <summary>Splits an entity id made by <see cref="For(string, int, Guid)"/>.</summary>
    public static bool TryParse(string entityId, out string topic, out int partition, out Guid topicId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        topic = string.Empty;
        partition = -1;
        topicId = Guid.Empty;
        var idDash = entityId.Length - TopicIdLength - 1;
        if (idDash <= 0 || entityId[idDash] != '-' || !Guid.TryParseExact(entityId.AsSpan(idDash + 1), "N", out topicId))
        {
            return false;
        }

        var partitionDash = entityId.LastIndexOf('-', idDash - 1);
        if (partitionDash <= 0 || !int.TryParse(entityId.AsSpan(partitionDash + 1, idDash - partitionDash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out partition))
        {
            partition = -1;
            return false;
        }

        topic = entityId[..partitionDash];
        return true;
    }
}
