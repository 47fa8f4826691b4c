using ActorStream.Client.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Producing;

/// <content>Log messages (event ids 6100-6119).</content>
internal sealed partial class Sender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6100, Level = LogLevel.Trace, Message = "Sending {Batches} batches ({Bytes} bytes) to {Broker}")]
        public static partial void Sending(ILogger logger, int batches, BrokerEndpoint broker, int bytes);

        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Retrying {Topic} [{Partition}] sequence {Sequence} (attempt {Attempts}): {Error}")]
        public static partial void Retrying(ILogger logger, string topic, int partition, int sequence, int attempts, KafkaError error);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "{Records} record(s) for {Topic} [{Partition}] failed: {Error}")]
        public static partial void Failed(ILogger logger, int records, string topic, int partition, KafkaError error);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Producer id {ProducerId}, epoch {Epoch}")]
        public static partial void ProducerIdAssigned(ILogger logger, long producerId, short epoch);

        [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "The broker offers no InitProducerId; producing without idempotence ({Reason})")]
        public static partial void IdempotenceUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "InitProducerId failed: {Error}")]
        public static partial void InitProducerIdFailed(ILogger logger, KafkaError error);

        [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "Resetting the idempotent producer's sequence numbers after {Topic} [{Partition}] sequence {Sequence}: {Error}")]
        public static partial void SequenceReset(ILogger logger, string topic, int partition, int sequence, KafkaError error);

        [LoggerMessage(EventId = 6107, Level = LogLevel.Error, Message = "The producer's sender loop failed")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}
