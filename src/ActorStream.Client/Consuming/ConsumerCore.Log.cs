using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <content>Log messages (event ids 6240-6249).</content>
internal sealed partial class ConsumerCore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6240, Level = LogLevel.Warning, Message = "{Consumer}: auto-commit failed: {Reason}")]
        public static partial void AutoCommitFailed(ILogger logger, string consumer, string reason);

        [LoggerMessage(EventId = 6241, Level = LogLevel.Warning, Message = "{Consumer}: committing revoked partitions failed: {Reason}")]
        public static partial void CommitBeforeRevokeFailed(ILogger logger, string consumer, string reason);
    }
}
