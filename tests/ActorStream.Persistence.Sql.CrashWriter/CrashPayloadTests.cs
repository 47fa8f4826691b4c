namespace ActorStream.Persistence.Sql.CrashWriter;

public sealed class CrashPayloadTests
{
    [Fact]
    public void For_SameIdAndSequenceNr_ReturnsTheSameBytes()
    {
        Assert.Equal(CrashPayload.For("crash-3", 17), CrashPayload.For("crash-3", 17));
        Assert.NotEqual(CrashPayload.For("crash-3", 17), CrashPayload.For("crash-3", 18));
        Assert.NotEqual(CrashPayload.For("crash-3", 17), CrashPayload.For("crash-4", 17));
    }

    [Fact]
    public void WriteSize_AnyStart_IsOneToThreeEvents()
    {
        for (long seq = 1; seq < 100; seq++)
        {
            Assert.InRange(CrashPayload.WriteSize(seq), 1, 3);
        }
    }
}
