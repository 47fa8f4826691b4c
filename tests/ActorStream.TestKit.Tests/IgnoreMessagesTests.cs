using ActorStream.Actor;

namespace ActorStream.TestKit.Tests;

public sealed class IgnoreMessagesTests : Xunit2.TestKit
{
    [Fact]
    public void IgnoreMessagesOfType_AreNeverQueued()
    {
        IgnoreMessages<int>();
        TestActor.Tell(1);
        TestActor.Tell("kept");
        TestActor.Tell(2);
        ExpectMsg("kept");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void IgnoreMessagesWithPredicate_IgnoresOnlyMatching()
    {
        IgnoreMessages<int>(i => i < 0);
        TestActor.Tell(-1);
        TestActor.Tell(5);
        ExpectMsg(5);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void IgnoreMessagesUntyped_AndIgnoreNoMessages_Restores()
    {
        IgnoreMessages(m => m is string s && s.StartsWith("heartbeat", StringComparison.Ordinal));
        TestActor.Tell("heartbeat-1");
        TestActor.Tell("real");
        ExpectMsg("real");
        IgnoreNoMessages();
        TestActor.Tell("heartbeat-2");
        ExpectMsg("heartbeat-2");
    }
}
