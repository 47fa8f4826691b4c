using ActorStream.Client.Admin;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Consumer groups: list (every broker), describe, delete, committed offsets (each group's coordinator).</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public Task<List<GroupListing>> ListGroupsAsync(ListGroupsOptions? options = null, CancellationToken cancellationToken = default) =>
        CallAsync("ListGroups", options, async (_, token) =>
        {
            var metadata = await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false);
            var tasks = new List<Task<ListGroupsResponse>>(metadata.BrokerList.Length);
            foreach (var broker in metadata.BrokerList)
            {
                tasks.Add(_cluster.SendAsync<ListGroupsResponse>(broker.NodeId, ApiKey.ListGroups, version =>
                {
                    var request = new ListGroupsRequest();
                    if (version >= 4 && options?.MatchStates is { } states)
                    {
                        foreach (var state in states)
                        {
                            request.StatesFilter.Add(state.ToString());
                        }
                    }

                    return request;
                }, null, token));
            }

            var groups = new List<GroupListing>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                var response = await task.ConfigureAwait(false);
                if (response.ErrorCode != 0)
                {
                    throw new KafkaException(KafkaError.FromBroker(response.ErrorCode));
                }

                foreach (var group in response.Groups)
                {
                    if (seen.Add(group.GroupId))
                    {
                        groups.Add(new GroupListing(group.GroupId, group.ProtocolType, ParseState(group.GroupState)));
                    }
                }
            }

            groups.Sort(static (a, b) => string.CompareOrdinal(a.GroupId, b.GroupId));
            return groups;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<List<GroupDescription>> DescribeGroupsAsync(IEnumerable<string> groups, DescribeGroupsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ids = Distinct(groups, "Group");
        var results = await CallPerItemAsync("DescribeGroups", options, ids,
            (pending, _, token) => ForEachCoordinatorAsync(pending, static g => g, async (coordinator, items) =>
            {
                var response = await SendToNodeAsync<DescribeGroupsResponse>(coordinator, ApiKey.DescribeGroups, _ =>
                {
                    var request = new DescribeGroupsRequest { IncludeAuthorizedOperations = options?.IncludeAuthorizedOperations ?? false };
                    request.Groups.AddRange(items);
                    return request;
                }, token).ConfigureAwait(false);
                var node = new Node(coordinator.NodeId, coordinator.Host, coordinator.Port);
                var answered = new Dictionary<string, GroupDescription>(StringComparer.Ordinal);
                foreach (var group in response.Groups)
                {
                    answered[group.GroupId] = Describe(group, node);
                }

                return answered;
            }, static (group, error) => Failed(group, error), static d => d.Error, token),
            static d => d.Error, IsRetriableCoordinatorError, static (group, error) => Failed(group, error), cancellationToken).ConfigureAwait(false);

        var descriptions = new List<GroupDescription>(ids.Count);
        var failed = false;
        foreach (var id in ids)
        {
            descriptions.Add(results[id]);
            failed |= results[id].Error.IsError;
        }

        return failed ? throw new DescribeGroupsException(descriptions) : descriptions;

        static GroupDescription Failed(string group, KafkaError error) => new(group, error, ConsumerGroupState.Unknown, string.Empty, string.Empty, [], null);
    }

    /// <inheritdoc />
    public async Task DeleteGroupsAsync(IEnumerable<string> groups, DeleteGroupsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ids = Distinct(groups, "Group");
        var results = await CallPerItemAsync("DeleteGroups", options, ids,
            (pending, _, token) => ForEachCoordinatorAsync(pending, static g => g, async (coordinator, items) =>
            {
                var response = await SendToNodeAsync<DeleteGroupsResponse>(coordinator, ApiKey.DeleteGroups, _ =>
                {
                    var request = new DeleteGroupsRequest();
                    request.GroupsNames.AddRange(items);
                    return request;
                }, token).ConfigureAwait(false);
                var answered = new Dictionary<string, DeleteGroupReport>(StringComparer.Ordinal);
                foreach (var result in response.Results)
                {
                    answered[result.GroupId] = new DeleteGroupReport(result.GroupId, KafkaError.FromBroker(result.ErrorCode));
                }

                return answered;
            }, static (group, error) => new DeleteGroupReport(group, error), static r => r.Error, token),
            static r => r.Error, IsRetriableCoordinatorError, static (group, error) => new DeleteGroupReport(group, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<DeleteGroupReport>(ids.Count);
        var failed = false;
        foreach (var id in ids)
        {
            reports.Add(results[id]);
            failed |= results[id].Error.IsError;
        }

        if (failed)
        {
            throw new DeleteGroupsException(reports);
        }
    }

    /// <summary>
    /// Finds the coordinator of every item's group, sends one request per coordinator, and merges the
    /// answers. Items whose coordinator lookup fails get that error; coordinator errors in answers make
    /// the cached coordinator stale.
    /// </summary>
    private async Task<Dictionary<TItem, TResult>> ForEachCoordinatorAsync<TItem, TResult>(List<TItem> items, Func<TItem, string> groupOf,
        Func<BrokerEndpoint, List<TItem>, Task<Dictionary<TItem, TResult>>> send, Func<TItem, KafkaError, TResult> failed, Func<TResult, KafkaError> errorOf, CancellationToken token)
        where TItem : notnull
    {
        var lookups = new List<(TItem Item, Task<BrokerEndpoint> Coordinator)>(items.Count);
        foreach (var item in items)
        {
            lookups.Add((item, _cluster.FindCoordinatorAsync(CoordinatorType.Group, groupOf(item), token)));
        }

        var results = new Dictionary<TItem, TResult>();
        var byCoordinator = new Dictionary<int, (BrokerEndpoint Endpoint, List<TItem> Items)>();
        foreach (var (item, lookup) in lookups)
        {
            try
            {
                var coordinator = await lookup.ConfigureAwait(false);
                if (!byCoordinator.TryGetValue(coordinator.NodeId, out var entry))
                {
                    byCoordinator[coordinator.NodeId] = entry = (coordinator, []);
                }

                entry.Items.Add(item);
            }
            catch (KafkaException e)
            {
                results[item] = failed(item, e.Error);
            }
        }

        foreach (var (item, result) in await FanOutAsync(ToLists(byCoordinator), (node, group) => send(byCoordinator[node].Endpoint, group), failed).ConfigureAwait(false))
        {
            results[item] = result;
        }

        foreach (var item in items)
        {
            if (!results.TryGetValue(item, out var result))
            {
                results[item] = result = failed(item, new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError, "The coordinator's response did not mention it"));
            }

            ForgetCoordinatorIf(errorOf(result), groupOf(item));
        }

        return results;
    }

    private static Dictionary<int, List<TItem>> ToLists<TItem>(Dictionary<int, (BrokerEndpoint Endpoint, List<TItem> Items)> byCoordinator)
    {
        var lists = new Dictionary<int, List<TItem>>(byCoordinator.Count);
        foreach (var (node, entry) in byCoordinator)
        {
            lists[node] = entry.Items;
        }

        return lists;
    }

    private async Task<TResponse> SendToNodeAsync<TResponse>(BrokerEndpoint broker, ApiKey apiKey, Func<short, IKafkaRequest> build, CancellationToken token)
        where TResponse : class, IKafkaResponse
    {
        var connection = await _cluster.Connections.GetAsync(broker, 0, token).ConfigureAwait(false);
        var version = connection.Versions.GetVersion(apiKey);
        return await connection.SendAsync<TResponse>(build(version), version, null, token).ConfigureAwait(false);
    }

    /// <summary>Coordinator moved, is loading, or could not be reached: retry (the cache was or will be refreshed).</summary>
    private static bool IsRetriableCoordinatorError(KafkaError error) =>
        error.Code is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.CoordinatorLoadInProgress
        || error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut;

    private void ForgetCoordinatorIf(KafkaError error, string group)
    {
        if (error.Code is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable || error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut)
        {
            _cluster.InvalidateCoordinator(CoordinatorType.Group, group);
        }
    }

    private static GroupDescription Describe(DescribeGroupsResponse.DescribedGroup group, Node coordinator)
    {
        var members = new List<MemberDescription>(group.Members.Count);
        foreach (var member in group.Members)
        {
            var assigned = new List<TopicPartition>();
            if (group.ProtocolType == "consumer" && member.MemberAssignment.Length > 0)
            {
                try
                {
                    foreach (var topic in ConsumerProtocol.ReadAssignment(member.MemberAssignment, out _).AssignedPartitions)
                    {
                        foreach (var partition in topic.Partitions)
                        {
                            assigned.Add(new TopicPartition(topic.Topic, partition));
                        }
                    }
                }
                catch (KafkaProtocolException)
                {
                    // An assignment in a format this client does not know: leave it empty.
                }
            }

            members.Add(new MemberDescription(member.MemberId, member.GroupInstanceId, member.ClientId, member.ClientHost, new MemberAssignment(assigned)));
        }

        return new GroupDescription(group.GroupId, KafkaError.FromBroker(group.ErrorCode), ParseState(group.GroupState), group.ProtocolType, group.ProtocolData, members, coordinator);
    }

    private static ConsumerGroupState ParseState(string state) => state switch
    {
        "PreparingRebalance" => ConsumerGroupState.PreparingRebalance,
        "CompletingRebalance" or "AwaitingSync" => ConsumerGroupState.CompletingRebalance,
        "Stable" => ConsumerGroupState.Stable,
        "Dead" => ConsumerGroupState.Dead,
        "Empty" => ConsumerGroupState.Empty,
        _ => ConsumerGroupState.Unknown,
    };
}
