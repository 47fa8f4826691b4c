using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.Groups;

/// <summary>
/// Heartbeat and OffsetCommit run once per member every few seconds: they must allocate only their
/// result (reply, event, arrays), never per-member or per-group scratch.
/// </summary>
public class HotPathAllocationTests
{
    [Fact]
    public void Heartbeat_SteadyState_AllocatesOnlyTheResult()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(50);
        var group = h.Group;
        var commands = new GroupProtocol.Heartbeat[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            commands[i] = new GroupProtocol.Heartbeat(i, ids[i], null, 1);
        }

        long now = h.Now;
        for (int i = 0; i < commands.Length; i++)
        {
            group.Handle(commands[i], now);
        }

        const int Rounds = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            now += 10;
            for (int i = 0; i < commands.Length; i++)
            {
                var result = group.Handle(commands[i], now);
                if (((HeartbeatReply)result.Replies[0]).Error != ErrorCode.None)
                {
                    Assert.Fail("heartbeat rejected");
                }
            }
        }

        long perHeartbeat = (GC.GetAllocatedBytesForCurrentThread() - before) / (Rounds * commands.Length);

        // HeartbeatReply + GroupCoordinatorResult + a one-element reply array.
        Assert.InRange(perHeartbeat, 1, 160);
    }

    [Fact]
    public void OffsetCommit_SteadyState_AllocationGrowsWithPartitionsNotMembers()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });
        var ids = h.StableMembers(50);
        var partitions = new OffsetCommitPartition[] { new("topic-a", 0, 1), new("topic-a", 1, 1) };
        var command = new OffsetCommit(1, 8, ids[0], null, 1, -1, partitions);
        h.Group.Handle(command, h.Now);

        const int Rounds = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            h.Group.Handle(command, h.Now);
        }

        long perCommit = (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;

        // Reply + 2 results + 2 committed offsets + event + arrays + result: a few hundred bytes.
        Assert.InRange(perCommit, 1, 700);
    }
}
