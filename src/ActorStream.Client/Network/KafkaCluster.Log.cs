using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Network;

/// <content>Log messages (event ids 6020-6029).</content>
internal sealed partial class KafkaCluster
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6020, Level = LogLevel.Debug, Message = "Metadata version {Version}: {Brokers} brokers, {Topics} topics, controller {Controller}")]
        public static partial void MetadataUpdated(ILogger logger, long version, int brokers, int topics, int controller);

        [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "Metadata refresh failed: {Reason}")]
        public static partial void MetadataFailed(ILogger logger, string reason);
    }
}
