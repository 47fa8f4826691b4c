using ActorStream.Broker.Topics;
using static ActorStream.Broker.Topics.TopicProtocol;

namespace ActorStream.Broker.Tests.Topics;

/// <summary>GetSnapshot is a singleton; several askers while the manager recovers each get their answer.</summary>
public sealed partial class TopicManagerActorTests
{
    [Fact]
    public void GetSnapshot_SeveralSendersDuringRecovery_EachAnswered()
    {
        var probes = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };

        var manager = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, _view));
        foreach (var probe in probes)
        {
            manager.Tell(GetSnapshot.Instance, probe.Ref);
        }

        foreach (var probe in probes)
        {
            Assert.Empty(probe.ExpectMsg<TopicsSnapshot>().Topics);
        }
    }
}
