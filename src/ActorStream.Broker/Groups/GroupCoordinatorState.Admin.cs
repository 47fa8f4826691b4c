using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>DescribeGroups, ListGroups and DeleteGroups for this group.</summary>
public sealed partial class GroupCoordinatorState
{
    private void HandleDescribeGroup(GroupProtocol.DescribeGroup command)
    {
        // Kafka shows metadata and assignments only for a Stable group.
        bool stable = _state == GroupState.Stable;
        var members = new GroupProtocol.DescribedMember[_members.Count];
        int i = 0;
        foreach (var member in _members.Values)
        {
            members[i++] = new GroupProtocol.DescribedMember(
                member.MemberId,
                member.GroupInstanceId,
                member.ClientId,
                member.ClientHost,
                stable ? member.MetadataFor(_protocolName) : ReadOnlyMemory<byte>.Empty,
                stable ? member.Assignment : ReadOnlyMemory<byte>.Empty);
        }

        Reply(new GroupProtocol.DescribeGroupReply(
            command.RequestId,
            ErrorCode.None,
            _groupId,
            _state.ToKafkaName(),
            _protocolType ?? string.Empty,
            stable ? _protocolName ?? string.Empty : string.Empty,
            members));
    }

    private void HandleListGroup(GroupProtocol.ListGroup command)
    {
        GroupProtocol.ListedGroup? listed = null;
        string stateName = _state.ToKafkaName();
        if (_state != GroupState.Dead
            && MatchesFilter(command.StatesFilter, stateName)
            && MatchesFilter(command.TypesFilter, ClassicGroupType))
        {
            listed = new GroupProtocol.ListedGroup(_groupId, _protocolType ?? string.Empty, stateName, ClassicGroupType);
        }

        Reply(new GroupProtocol.ListGroupReply(command.RequestId, listed));
    }

    private static bool MatchesFilter(IReadOnlyList<string>? filter, string value)
    {
        if (filter is null || filter.Count == 0)
        {
            return true;
        }

        for (int i = 0; i < filter.Count; i++)
        {
            if (string.Equals(filter[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void HandleDeleteGroup(GroupProtocol.DeleteGroup command, long nowMs)
    {
        var error = _state switch
        {
            GroupState.Dead => ErrorCode.GroupIdNotFound,
            GroupState.Empty => ErrorCode.None,
            _ => ErrorCode.NonEmptyGroup,
        };
        if (error == ErrorCode.None)
        {
            ResetSessionState();
            Emit(new GroupEvents.GroupDeleted(nowMs));
        }

        Reply(new GroupProtocol.DeleteGroupReply(command.RequestId, error));
    }
}
