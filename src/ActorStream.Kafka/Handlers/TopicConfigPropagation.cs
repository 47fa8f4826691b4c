using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Routing;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Hands a topic's changed configs to its running partition leaders (<see cref="PartitionProtocol.UpdateConfig"/>
/// through <see cref="EntityRouterProtocol.DeliverIfActive"/>), so max.message.bytes, retention and the
/// timestamp type apply at once; partitions that are not running read the new configs from the topics view
/// when they start. Thread-safe.
/// </summary>
public static class TopicConfigPropagation
{
    /// <summary>
    /// Sends the current configs of topic <paramref name="topicName"/> (from the topics view) to every running
    /// partition and waits until each has applied them or the broker's ask timeout passes; a partition that
    /// is slower applies them when it gets to the message.
    /// </summary>
    public static async Task ApplyAsync(BrokerServices broker, string topicName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        if (!broker.Topics.Current.TryGet(topicName, out var topic))
        {
            return;
        }

        var config = PartitionConfigs.FromTopic(topic, broker.PartitionDefaults);
        var pending = new Task<object>[topic.PartitionCount];
        for (var i = 0; i < pending.Length; i++)
        {
            var update = new PartitionProtocol.UpdateConfig(topic.Name, i, config);
            pending[i] = broker.Partitions.Router.Ask<object>(
                new EntityRouterProtocol.DeliverIfActive(PartitionEntityIds.For(topic, i), update), broker.AskTimeout, cancellationToken);
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The configs are stored; a busy partition applies them when it reads the message.
        }
    }
}
