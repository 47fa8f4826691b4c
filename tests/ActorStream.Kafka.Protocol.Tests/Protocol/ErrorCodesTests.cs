
namespace ActorStream.Kafka.Protocol.Tests.Protocol;

public class ErrorCodesTests
{
    [Theory]
    [InlineData(-1, "UNKNOWN_SERVER_ERROR", false)]
    [InlineData(0, "NONE", false)]
    [InlineData(1, "OFFSET_OUT_OF_RANGE", false)]
    [InlineData(2, "CORRUPT_MESSAGE", true)]
    [InlineData(3, "UNKNOWN_TOPIC_OR_PARTITION", true)]
    [InlineData(6, "NOT_LEADER_OR_FOLLOWER", true)]
    [InlineData(16, "NOT_COORDINATOR", true)]
    [InlineData(27, "REBALANCE_IN_PROGRESS", false)]
    [InlineData(35, "UNSUPPORTED_VERSION", false)]
    [InlineData(79, "MEMBER_ID_REQUIRED", false)]
    [InlineData(87, "INVALID_RECORD", false)]
    [InlineData(100, "UNKNOWN_TOPIC_ID", true)]
    [InlineData(120, "TRANSACTION_ABORTABLE", false)]
    public void KafkaNameAndRetriable_MatchKafka(short code, string name, bool retriable)
    {
        var error = (ErrorCode)code;
        Assert.Equal(name, error.GetKafkaName());
        Assert.Equal(retriable, error.IsRetriable());
        Assert.True(ErrorCodes.TryParseKafkaName(name, out var parsed));
        Assert.Equal(error, parsed);
    }

    [Fact]
    public void Catalog_Has121CodesAnd99IsUnused()
    {
        int defined = 0;
        for (short n = -1; n <= 130; n++)
        {
            if (((ErrorCode)n).IsDefined())
            {
                defined++;
            }
        }

        Assert.Equal(121, defined);
        Assert.False(((ErrorCode)99).IsDefined());
        Assert.False(ErrorCodes.TryParseKafkaName("NO_SUCH_ERROR", out _));
    }

    [Fact]
    public void EnumValues_AreKafkaNumbers()
    {
        Assert.Equal(3, (short)ErrorCode.UnknownTopicOrPartition);
        Assert.Equal(25, (short)ErrorCode.UnknownMemberId);
        Assert.Equal(58, (short)ErrorCode.SaslAuthenticationFailed);
        Assert.Equal(-1, (short)ErrorCode.UnknownServerError);
    }
}
