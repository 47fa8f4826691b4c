using System.Text;
using ActorStream.Broker.Groups;

namespace ActorStream.Broker.Tests.Groups;

/// <summary>Renders the durable state of a group as text, so two instances can be compared exactly.</summary>
internal static class DurableState
{
    public static string Render(GroupCoordinatorState group)
    {
        var text = new StringBuilder();
        text.Append("state=").Append(group.State)
            .Append(" previous=").Append(group.PreviousState)
            .Append(" since=").Append(group.StateTimestampMs)
            .Append(" generation=").Append(group.GenerationId)
            .Append(" type=").Append(group.ProtocolType ?? "<null>")
            .Append(" protocol=").Append(group.ProtocolName ?? "<null>")
            .Append(" leader=").Append(group.LeaderId ?? "<null>")
            .AppendLine();
        foreach (var member in group.Members)
        {
            text.Append("member ").Append(member.MemberId)
                .Append(" instance=").Append(member.GroupInstanceId ?? "<null>")
                .Append(" client=").Append(member.ClientId).Append('@').Append(member.ClientHost)
                .Append(" session=").Append(member.SessionTimeoutMs)
                .Append(" rebalance=").Append(member.RebalanceTimeoutMs)
                .Append(" type=").Append(member.ProtocolType)
                .Append(" assignment=").Append(Convert.ToHexString(member.Assignment.Span));
            foreach (var protocol in member.Protocols)
            {
                text.Append(" protocol=").Append(protocol.Name).Append(':').Append(Convert.ToHexString(protocol.Metadata.Span));
            }

            text.AppendLine();
        }

        var offsets = new List<CommittedOffset>(group.Offsets.Values);
        offsets.Sort((a, b) => string.CompareOrdinal(a.Topic + "/" + a.Partition, b.Topic + "/" + b.Partition));
        foreach (var offset in offsets)
        {
            text.Append("offset ").Append(offset).AppendLine();
        }

        if (group.SubscribedTopics is { } topics)
        {
            var sorted = new List<string>(topics);
            sorted.Sort(StringComparer.Ordinal);
            text.Append("subscribed ").AppendJoin(',', sorted).AppendLine();
        }

        return text.ToString();
    }
}
