using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <content>Log messages (event ids 6200-6219).</content>
internal sealed partial class ConsumerCoordinator
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Group {Group}: joined as {MemberId}, generation {Generation}, assignor {Protocol}, leader {IsLeader}, {Partitions} partitions")]
        public static partial void Joined(ILogger logger, string group, string memberId, int generation, string protocol, bool isLeader, int partitions);

        [LoggerMessage(EventId = 6201, Level = LogLevel.Debug, Message = "Group {Group}: {Assignor} assigned {Topics} topics to {Members} members")]
        public static partial void Assigned(ILogger logger, string group, string assignor, int members, int topics);

        [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Group {Group}: revoking {Partitions} partitions before rejoining (lost: {Lost})")]
        public static partial void Revoking(ILogger logger, string group, int partitions, bool lost);

        [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Group {Group}: {Api} failed: {Error}")]
        public static partial void MembershipError(ILogger logger, string group, string api, ErrorCode error);

        [LoggerMessage(EventId = 6204, Level = LogLevel.Debug, Message = "Group {Group}: heartbeat failed: {Error}")]
        public static partial void HeartbeatFailed(ILogger logger, string group, KafkaError error);

        [LoggerMessage(EventId = 6214, Level = LogLevel.Debug, Message = "Group {Group}: heartbeat failed: {Error}")]
        public static partial void HeartbeatError(ILogger logger, string group, ErrorCode error);

        [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "Group {Group}: generation {Generation} is gone ({Error}); the partitions are lost, rejoining")]
        public static partial void GenerationLost(ILogger logger, string group, int generation, ErrorCode error);

        [LoggerMessage(EventId = 6206, Level = LogLevel.Warning, Message = "Group {Group}: Consume was not called within max.poll.interval.ms ({IntervalMs} ms); leaving the group")]
        public static partial void PollTimeout(ILogger logger, string group, long intervalMs);

        [LoggerMessage(EventId = 6207, Level = LogLevel.Information, Message = "Group {Group}: member {MemberId} left ({Reason}): {Error}")]
        public static partial void Left(ILogger logger, string group, string memberId, string reason, ErrorCode error);

        [LoggerMessage(EventId = 6208, Level = LogLevel.Warning, Message = "Group {Group}: LeaveGroup failed: {Reason}")]
        public static partial void LeaveFailed(ILogger logger, string group, string reason);

        [LoggerMessage(EventId = 6209, Level = LogLevel.Debug, Message = "Group {Group}: committed {Partitions} offsets in generation {Generation}")]
        public static partial void Committed(ILogger logger, string group, int partitions, int generation);

        [LoggerMessage(EventId = 6210, Level = LogLevel.Debug, Message = "Group {Group}: commit will be retried: {Error}")]
        public static partial void CommitRetry(ILogger logger, string group, KafkaError error);

        [LoggerMessage(EventId = 6215, Level = LogLevel.Debug, Message = "Group {Group}: commit will be retried: {Error}")]
        public static partial void CommitError(ILogger logger, string group, ErrorCode error);

        [LoggerMessage(EventId = 6211, Level = LogLevel.Information, Message = "Group {Group}: topic {Topic} went from {Before} to {After} partitions; rejoining")]
        public static partial void TopicChanged(ILogger logger, string group, string topic, int before, int after);

        [LoggerMessage(EventId = 6212, Level = LogLevel.Warning, Message = "Group {Group}: membership step failed: {Error}")]
        public static partial void LoopError(ILogger logger, string group, KafkaError error);

        [LoggerMessage(EventId = 6213, Level = LogLevel.Error, Message = "Group {Group}: the membership loop failed")]
        public static partial void LoopFailed(ILogger logger, string group, Exception exception);
    }
}
