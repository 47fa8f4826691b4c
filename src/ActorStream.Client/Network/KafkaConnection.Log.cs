using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Network;

/// <content>Log messages (event ids 6000-6009).</content>
internal sealed partial class KafkaConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Connected to {Broker} from {Local}")]
        public static partial void Connected(ILogger logger, BrokerEndpoint broker, System.Net.EndPoint? local);

        [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Connected to {Broker} in process")]
        public static partial void ConnectedInProcess(ILogger logger, BrokerEndpoint broker);

        [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Connection to {Broker} closed by the client")]
        public static partial void Closed(ILogger logger, BrokerEndpoint broker);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Disconnected from {Broker}: {Reason} ({InFlight} requests in flight failed)")]
        public static partial void Disconnected(ILogger logger, BrokerEndpoint broker, string reason, int inFlight);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "{ApiKey} request {CorrelationId} to {Broker} timed out after {TimeoutMs} ms; closing the connection")]
        public static partial void RequestTimedOut(ILogger logger, BrokerEndpoint broker, ApiKey apiKey, int correlationId, long timeoutMs);

        [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Connection loop for {Broker} failed")]
        public static partial void LoopFailed(ILogger logger, BrokerEndpoint broker, Exception exception);
    }
}
