using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

public class ProtocolSelectionTests
{
    private static GroupHarness JoinAll(params string[][] preferences)
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 1000 });
        for (int i = 0; i < preferences.Length; i++)
        {
            h.JoinNew("c" + i, GroupHarness.Protocols(preferences[i]));
        }

        for (int guard = 0; guard < 10 && h.Group.State == GroupState.PreparingRebalance; guard++)
        {
            h.Advance(1000);
        }

        return h;
    }

    [Fact]
    public void SelectProtocol_MajorityPreference_Wins()
    {
        var h = JoinAll(["roundrobin", "range"], ["roundrobin", "range"], ["range", "roundrobin"]);

        Assert.Equal("roundrobin", h.Group.ProtocolName);
    }

    [Fact]
    public void SelectProtocol_OnlyProtocolsSupportedByAllMembersAreCandidates()
    {
        var h = JoinAll(["sticky", "range"], ["sticky", "range"], ["cooperative-sticky", "range"]);

        Assert.Equal("range", h.Group.ProtocolName);
    }

    [Fact]
    public void SelectProtocol_Tie_FirstVotedProtocolWins()
    {
        var h = JoinAll(["range", "roundrobin"], ["roundrobin", "range"]);

        Assert.Equal("range", h.Group.ProtocolName);
    }

    [Fact]
    public void SelectProtocol_LeaderGetsMetadataOfChosenProtocol()
    {
        var h = new GroupHarness();
        var protocols = new[]
        {
            new MemberProtocol("range", new byte[] { 1 }),
            new MemberProtocol("roundrobin", new byte[] { 2 }),
        };
        long id = h.SendJoin(version: 2, protocols: protocols);

        var reply = h.ReplyTo<JoinGroupReply>(id);

        Assert.Equal("range", reply.ProtocolName);
        Assert.Equal(new byte[] { 1 }, Assert.Single(reply.Members).Metadata.ToArray());
    }

    [Fact]
    public void SelectProtocol_JoinerWithoutCommonProtocol_InconsistentGroupProtocolAndGroupUnchanged()
    {
        var h = JoinAll(["range"], ["range"]);
        int generation = h.Group.GenerationId;

        long id = h.SendJoin(clientId: "kafkajs", version: 2, protocols: GroupHarness.Protocols("RoundRobinAssigner"));

        Assert.Equal(ErrorCode.InconsistentGroupProtocol, h.ReplyTo<JoinGroupReply>(id).Error);
        Assert.Equal(2, h.Group.Members.Count);
        Assert.Equal(generation, h.Group.GenerationId);
    }
}
