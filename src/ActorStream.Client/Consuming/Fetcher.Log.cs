using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <content>Log messages (event ids 6220-6239).</content>
internal sealed partial class Fetcher
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6220, Level = LogLevel.Trace, Message = "{Consumer}: fetched {Partitions} partitions from {Broker}")]
        public static partial void Fetched(ILogger logger, string consumer, BrokerEndpoint broker, int partitions);

        [LoggerMessage(EventId = 6221, Level = LogLevel.Information, Message = "{Consumer}: fetch from broker {Broker} failed: {Error}")]
        public static partial void FetchFailed(ILogger logger, string consumer, int broker, KafkaError error);

        [LoggerMessage(EventId = 6222, Level = LogLevel.Debug, Message = "{Consumer}: {Partition} fetch will be retried: {Error}")]
        public static partial void PartitionRetry(ILogger logger, string consumer, TopicPartition partition, ErrorCode error);

        [LoggerMessage(EventId = 6223, Level = LogLevel.Warning, Message = "{Consumer}: fetch offset {Offset} of {Partition} is out of range ({LogStart}..{HighWatermark}); auto.offset.reset is {Policy}")]
        public static partial void OutOfRange(ILogger logger, string consumer, TopicPartition partition, long offset, long logStart, long highWatermark, AutoOffsetReset policy);

        [LoggerMessage(EventId = 6224, Level = LogLevel.Information, Message = "{Consumer}: {Request} failed, will retry: {Error}")]
        public static partial void OffsetLookupFailed(ILogger logger, string consumer, string request, KafkaError error);

        [LoggerMessage(EventId = 6225, Level = LogLevel.Debug, Message = "{Consumer}: position of {Partition} reset to {Offset}")]
        public static partial void PositionReset(ILogger logger, string consumer, TopicPartition partition, long offset);

        [LoggerMessage(EventId = 6226, Level = LogLevel.Error, Message = "{Consumer}: the fetch loop failed")]
        public static partial void LoopFailed(ILogger logger, string consumer, Exception exception);
    }
}
