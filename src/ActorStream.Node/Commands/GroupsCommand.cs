using System.CommandLine;
using System.Globalization;
using System.Text;
using ActorStream.Client;
using ActorStream.Client.Admin;

namespace ActorStream.Node.Commands;

/// <summary><c>actorstream groups list|describe|delete|reset-offsets</c>.</summary>
internal static class GroupsCommand
{
    /// <summary>Builds the command tree.</summary>
    /// <param name="bootstrap">The shared <c>--bootstrap</c> option.</param>
    public static Command Create(Option<string> bootstrap)
    {
        var groups = new Command("groups", "List, describe and delete consumer groups, and reset their offsets.");
        groups.Subcommands.Add(CreateList(bootstrap));
        groups.Subcommands.Add(CreateDescribe(bootstrap));
        groups.Subcommands.Add(CreateDelete(bootstrap));
        groups.Subcommands.Add(CreateResetOffsets(bootstrap));
        return groups;
    }

    private static Command CreateList(Option<string> bootstrap)
    {
        var command = new Command("list", "List groups: GROUP, STATE and PROTOCOL-TYPE, tab-separated.");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var listings = await admin.ListGroupsAsync(cancellationToken: token).ConfigureAwait(false);
            listings.Sort(static (a, b) => string.CompareOrdinal(a.GroupId, b.GroupId));
            var output = new StringBuilder();
            foreach (var listing in listings)
            {
                output.Append(listing.GroupId).Append('\t').Append(listing.State).Append('\t').Append(listing.ProtocolType).Append('\n');
            }

            await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateDescribe(Option<string> bootstrap)
    {
        var group = new Argument<string>("GROUP") { Description = "The group" };
        var command = new Command("describe", "Show a group's state and members, and per partition its committed offset, log end offset and lag.") { group };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var groupId = parse.GetValue(group)!;
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var description = (await admin.DescribeGroupsAsync([groupId], cancellationToken: token).ConfigureAwait(false))[0];
            var committed = (await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(groupId, null)], cancellationToken: token)
                .ConfigureAwait(false))[0];

            // Every partition that is committed or assigned, with its owner.
            var owners = new Dictionary<TopicPartition, MemberDescription>();
            foreach (var member in description.Members)
            {
                foreach (var tp in member.Assignment.TopicPartitions)
                {
                    owners[tp] = member;
                }
            }

            var offsets = new Dictionary<TopicPartition, long>();
            foreach (var entry in committed.Partitions)
            {
                if (!entry.Error.IsError && entry.TopicPartitionOffset.Offset.Value >= 0)
                {
                    offsets[entry.TopicPartitionOffset.TopicPartition] = entry.TopicPartitionOffset.Offset.Value;
                }
            }

            var partitions = new List<TopicPartition>(offsets.Keys);
            foreach (var tp in owners.Keys)
            {
                if (!offsets.ContainsKey(tp))
                {
                    partitions.Add(tp);
                }
            }

            partitions.Sort(static (a, b) => a.Topic == b.Topic ? a.Partition.Value.CompareTo(b.Partition.Value) : string.CompareOrdinal(a.Topic, b.Topic));
            var ends = await OffsetsAsync(admin, partitions, OffsetSpec.Latest(), token).ConfigureAwait(false);

            var output = new StringBuilder();
            output.Append("Group: ").Append(description.GroupId)
                .Append("\tState: ").Append(description.State)
                .Append("\tProtocol: ").Append(description.PartitionAssignor)
                .Append("\tMembers: ").Append(CommonOptions.Format(description.Members.Count))
                .Append("\tCoordinator: ").Append(description.Coordinator is { } c ? CommonOptions.Format(c.Id) : "none").Append('\n');
            output.Append("TOPIC\tPARTITION\tCURRENT-OFFSET\tLOG-END-OFFSET\tLAG\tCONSUMER-ID\tHOST\tCLIENT-ID\n");
            foreach (var tp in partitions)
            {
                var hasOffset = offsets.TryGetValue(tp, out var current);
                var hasEnd = ends.TryGetValue(tp, out var end);
                owners.TryGetValue(tp, out var owner);
                output.Append(tp.Topic).Append('\t').Append(CommonOptions.Format(tp.Partition.Value)).Append('\t')
                    .Append(hasOffset ? CommonOptions.Format(current) : "-").Append('\t')
                    .Append(hasEnd ? CommonOptions.Format(end) : "-").Append('\t')
                    .Append(hasOffset && hasEnd ? CommonOptions.Format(Math.Max(0, end - current)) : "-").Append('\t')
                    .Append(owner?.ConsumerId ?? "-").Append('\t')
                    .Append(owner?.Host ?? "-").Append('\t')
                    .Append(owner?.ClientId ?? "-").Append('\n');
            }

            foreach (var member in description.Members)
            {
                if (member.Assignment.TopicPartitions.Count == 0)
                {
                    output.Append("-\t-\t-\t-\t-\t").Append(member.ConsumerId).Append('\t').Append(member.Host).Append('\t').Append(member.ClientId).Append('\n');
                }
            }

            await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateDelete(Option<string> bootstrap)
    {
        var group = new Argument<string>("GROUP") { Description = "The group (it must have no members)" };
        var command = new Command("delete", "Delete an empty group and its committed offsets.") { group };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var groupId = parse.GetValue(group)!;
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            await admin.DeleteGroupsAsync([groupId], cancellationToken: token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Deleted group {groupId}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateResetOffsets(Option<string> bootstrap)
    {
        var group = new Argument<string>("GROUP") { Description = "The group (it must have no active members)" };
        var topic = new Option<string>("--topic", "-t") { Description = "The topic whose offsets to reset", Required = true };
        var toEarliest = new Option<bool>("--to-earliest") { Description = "Reset to the earliest offset" };
        var toLatest = new Option<bool>("--to-latest") { Description = "Reset to the log end offset" };
        var toOffset = new Option<long?>("--to-offset") { Description = "Reset to this offset (clamped to the log)" };
        var toDatetime = new Option<string?>("--to-datetime") { Description = "Reset to the first offset at or after this ISO-8601 time" };
        var execute = new Option<bool>("--execute") { Description = "Apply the plan (without it, only print it)" };
        var command = new Command("reset-offsets", "Plan (or with --execute apply) new committed offsets for a group on a topic.")
        {
            group, topic, toEarliest, toLatest, toOffset, toDatetime, execute,
        };
        command.Validators.Add(result =>
        {
            var chosen = (result.GetValue(toEarliest) ? 1 : 0) + (result.GetValue(toLatest) ? 1 : 0)
                + (result.GetValue(toOffset) is null ? 0 : 1) + (result.GetValue(toDatetime) is null ? 0 : 1);
            if (chosen != 1)
            {
                result.AddError("give exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var groupId = parse.GetValue(group)!;
            var topicName = parse.GetValue(topic)!;
            OffsetSpec? spec = parse.GetValue(toEarliest) ? OffsetSpec.Earliest() : parse.GetValue(toLatest) ? OffsetSpec.Latest() : null;
            if (parse.GetValue(toDatetime) is { } iso)
            {
                if (!DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    throw new UsageException($"--to-datetime '{iso}' is not an ISO-8601 date and time");
                }

                spec = OffsetSpec.ForTimestamp(Math.Max(0, at.ToUnixTimeMilliseconds()));
            }

            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var description = (await admin.DescribeGroupsAsync([groupId], cancellationToken: token).ConfigureAwait(false))[0];
            if (description.Members.Count > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"error: group {groupId} has {CommonOptions.Format(description.Members.Count)} active member(s) (state {description.State}); stop its consumers before resetting offsets")
                    .ConfigureAwait(false);
                return ExitCodes.Error;
            }

            var topicDescription = (await admin.DescribeTopicsAsync([topicName], cancellationToken: token).ConfigureAwait(false)).TopicDescriptions[0];
            var partitions = new List<TopicPartition>(topicDescription.Partitions.Count);
            foreach (var info in topicDescription.Partitions)
            {
                partitions.Add(new TopicPartition(topicName, info.Partition));
            }

            partitions.Sort(static (a, b) => a.Partition.Value.CompareTo(b.Partition.Value));
            var earliest = await OffsetsAsync(admin, partitions, OffsetSpec.Earliest(), token).ConfigureAwait(false);
            var latest = await OffsetsAsync(admin, partitions, OffsetSpec.Latest(), token).ConfigureAwait(false);
            var targets = spec is null ? null : await OffsetsAsync(admin, partitions, spec, token).ConfigureAwait(false);
            var committed = (await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(groupId, partitions)], cancellationToken: token)
                .ConfigureAwait(false))[0];
            var current = new Dictionary<TopicPartition, long>();
            foreach (var entry in committed.Partitions)
            {
                if (!entry.Error.IsError && entry.TopicPartitionOffset.Offset.Value >= 0)
                {
                    current[entry.TopicPartitionOffset.TopicPartition] = entry.TopicPartitionOffset.Offset.Value;
                }
            }

            var plan = new List<TopicPartitionOffset>(partitions.Count);
            var output = new StringBuilder("GROUP\tTOPIC\tPARTITION\tCURRENT-OFFSET\tNEW-OFFSET\n");
            foreach (var tp in partitions)
            {
                var low = earliest.GetValueOrDefault(tp);
                var high = latest.GetValueOrDefault(tp);
                long target;
                if (parse.GetValue(toOffset) is { } requested)
                {
                    target = Math.Clamp(requested, low, high);
                }
                else
                {
                    // A timestamp after the last record has no offset (-1): the end of the log.
                    target = targets!.TryGetValue(tp, out var found) && found >= 0 ? found : high;
                }

                plan.Add(new TopicPartitionOffset(tp, new Offset(target)));
                output.Append(groupId).Append('\t').Append(tp.Topic).Append('\t').Append(CommonOptions.Format(tp.Partition.Value)).Append('\t')
                    .Append(current.TryGetValue(tp, out var now) ? CommonOptions.Format(now) : "-").Append('\t')
                    .Append(CommonOptions.Format(target)).Append('\n');
            }

            await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            if (!parse.GetValue(execute))
            {
                await Console.Error.WriteLineAsync("Dry run: nothing changed. Pass --execute to apply this plan.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets(groupId, plan)], cancellationToken: token).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Reset the offsets of group {groupId} on {CommonOptions.Format(plan.Count)} partition(s) of {topicName}.")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task<Dictionary<TopicPartition, long>> OffsetsAsync(IAdminClient admin, List<TopicPartition> partitions, OffsetSpec spec, CancellationToken cancellationToken)
    {
        var result = new Dictionary<TopicPartition, long>();
        if (partitions.Count == 0)
        {
            return result;
        }

        var request = new List<TopicPartitionOffsetSpec>(partitions.Count);
        foreach (var tp in partitions)
        {
            request.Add(new TopicPartitionOffsetSpec(tp, spec));
        }

        foreach (var info in await admin.ListOffsetsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var tpo = info.TopicPartitionOffsetError.TopicPartitionOffset;
            result[tpo.TopicPartition] = tpo.Offset.Value;
        }

        return result;
    }
}
