using System.Globalization;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// The one mapping between a topic partition and the entity id of its <c>PartitionActor</c> in the
/// partition router: <c>{topic}-{partition}</c>. Topic names may contain '-', so the partition is the
/// text after the last one.
/// </summary>
public static class PartitionEntityIds
{
    /// <summary>The entity id of partition <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    public static string For(string topic, int partition) => string.Concat(topic, "-", partition.ToString(CultureInfo.InvariantCulture));

    /// <summary>Splits an entity id made by <see cref="For"/>.</summary>
    public static bool TryParse(string entityId, out string topic, out int partition)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var dash = entityId.LastIndexOf('-');
        if (dash > 0 && int.TryParse(entityId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out partition))
        {
            topic = entityId[..dash];
            return true;
        }

        topic = string.Empty;
        partition = -1;
        return false;
    }
}
