using System.CommandLine;
using System.Text;
using ActorStream.Client.Admin;

namespace ActorStream.Node.Commands;

/// <summary><c>actorstream topics create|list|describe|delete|alter</c>.</summary>
internal static class TopicsCommand
{
    /// <summary>Builds the command tree.</summary>
    /// <param name="bootstrap">The shared <c>--bootstrap</c> option.</param>
    public static Command Create(Option<string> bootstrap)
    {
        var topics = new Command("topics", "Create, list, describe, alter and delete topics.");
        topics.Subcommands.Add(CreateCreate(bootstrap));
        topics.Subcommands.Add(CreateList(bootstrap));
        topics.Subcommands.Add(CreateDescribe(bootstrap));
        topics.Subcommands.Add(CreateDelete(bootstrap));
        topics.Subcommands.Add(CreateAlter(bootstrap));
        return topics;
    }

    private static Command CreateCreate(Option<string> bootstrap)
    {
        var name = new Argument<string>("NAME") { Description = "The topic" };
        var partitions = new Option<int?>("--partitions", "-p") { Description = "Number of partitions (default: the node's num.partitions)" };
        var replication = new Option<short?>("--replication-factor", "-r") { Description = "Replication factor (default: the node's default.replication.factor)" };
        var config = new Option<string[]>("--config", "-c") { Description = "Topic configuration k=v (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Create a topic.") { name, partitions, replication, config };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var spec = new TopicSpecification
            {
                Name = parse.GetValue(name)!,
                NumPartitions = parse.GetValue(partitions) ?? -1,
                ReplicationFactor = parse.GetValue(replication) ?? -1,
            };
            var configs = CommonOptions.ParsePairs(parse.GetValue(config), "--config");
            if (configs.Count > 0)
            {
                spec.Configs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in configs)
                {
                    spec.Configs[pair.Key] = pair.Value;
                }
            }

            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            await admin.CreateTopicsAsync([spec], cancellationToken: token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Created topic {spec.Name}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateList(Option<string> bootstrap)
    {
        var all = new Option<bool>("--include-internal") { Description = "Also list internal topics" };
        var command = new Command("list", "List topic names, one per line.") { all };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var listings = await admin.ListTopicsAsync(cancellationToken: token).ConfigureAwait(false);
            var names = new List<string>(listings.Count);
            foreach (var listing in listings)
            {
                if (!listing.IsInternal || parse.GetValue(all))
                {
                    names.Add(listing.Name);
                }
            }

            names.Sort(StringComparer.Ordinal);
            var output = new StringBuilder();
            foreach (var n in names)
            {
                output.Append(n).Append('\n');
            }

            await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateDescribe(Option<string> bootstrap)
    {
        var name = new Argument<string?>("NAME") { Description = "The topic (default: every topic)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("describe", "Describe partitions, leaders, replicas and the configuration that is not default.") { name };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var names = new List<string>();
            if (parse.GetValue(name) is { } single)
            {
                names.Add(single);
            }
            else
            {
                foreach (var listing in await admin.ListTopicsAsync(cancellationToken: token).ConfigureAwait(false))
                {
                    if (!listing.IsInternal)
                    {
                        names.Add(listing.Name);
                    }
                }

                names.Sort(StringComparer.Ordinal);
                if (names.Count == 0)
                {
                    return ExitCodes.Ok;
                }
            }

            var described = await admin.DescribeTopicsAsync(names, cancellationToken: token).ConfigureAwait(false);
            var resources = new List<ConfigResource>(names.Count);
            foreach (var n in names)
            {
                resources.Add(new ConfigResource { Type = ResourceType.Topic, Name = n });
            }

            var configs = await admin.DescribeConfigsAsync(resources, cancellationToken: token).ConfigureAwait(false);
            var output = new StringBuilder();
            foreach (var topic in described.TopicDescriptions)
            {
                Dictionary<string, ConfigEntryResult>? entries = null;
                foreach (var config in configs)
                {
                    if (string.Equals(config.ConfigResource.Name, topic.Name, StringComparison.Ordinal))
                    {
                        entries = config.Entries;
                    }
                }

                AppendTopic(output, topic, entries);
            }

            await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateDelete(Option<string> bootstrap)
    {
        var name = new Argument<string>("NAME") { Description = "The topic" };
        var command = new Command("delete", "Delete a topic and its records.") { name };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            var topic = parse.GetValue(name)!;
            await admin.DeleteTopicsAsync([topic], cancellationToken: token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Deleted topic {topic}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateAlter(Option<string> bootstrap)
    {
        var name = new Argument<string>("NAME") { Description = "The topic" };
        var partitions = new Option<int?>("--partitions", "-p") { Description = "Raise the partition count to N" };
        var config = new Option<string[]>("--config", "-c") { Description = "Set topic configuration k=v (repeatable)" };
        var deleteConfig = new Option<string[]>("--delete-config") { Description = "Revert topic configuration k to its default (repeatable)" };
        var command = new Command("alter", "Add partitions or change the configuration of a topic.") { name, partitions, config, deleteConfig };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var topic = parse.GetValue(name)!;
            var sets = CommonOptions.ParsePairs(parse.GetValue(config), "--config");
            var deletes = parse.GetValue(deleteConfig) ?? [];
            var increaseTo = parse.GetValue(partitions);
            if (increaseTo is null && sets.Count == 0 && deletes.Length == 0)
            {
                throw new UsageException("nothing to alter: give --partitions, --config or --delete-config");
            }

            using var admin = CommandRunner.CreateAdmin(parse.GetValue(bootstrap)!);
            if (increaseTo is { } count)
            {
                await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = topic, IncreaseTo = count }], cancellationToken: token).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Topic {topic} now has {CommonOptions.Format(count)} partitions.").ConfigureAwait(false);
            }

            if (sets.Count > 0 || deletes.Length > 0)
            {
                var changes = new List<ConfigEntry>();
                foreach (var pair in sets)
                {
                    changes.Add(new ConfigEntry { Name = pair.Key, Value = pair.Value, IncrementalOperation = AlterConfigOpType.Set });
                }

                foreach (var key in deletes)
                {
                    changes.Add(new ConfigEntry { Name = key, IncrementalOperation = AlterConfigOpType.Delete });
                }

                var resource = new ConfigResource { Type = ResourceType.Topic, Name = topic };
                await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>> { [resource] = changes }, cancellationToken: token)
                    .ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Updated the configuration of topic {topic}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void AppendTopic(StringBuilder output, TopicDescription topic, Dictionary<string, ConfigEntryResult>? entries)
    {
        var replicationFactor = topic.Partitions.Count > 0 ? topic.Partitions[0].Replicas.Count : 0;
        var overrides = new List<string>();
        if (entries is not null)
        {
            foreach (var entry in entries.Values)
            {
                if (!entry.IsDefault && entry.Source == ConfigSource.DynamicTopicConfig)
                {
                    overrides.Add($"{entry.Name}={(entry.IsSensitive ? "(sensitive)" : entry.Value)}");
                }
            }
        }

        overrides.Sort(StringComparer.Ordinal);
        output.Append("Topic: ").Append(topic.Name)
            .Append("\tTopicId: ").Append(topic.TopicId.ToString())
            .Append("\tPartitionCount: ").Append(CommonOptions.Format(topic.Partitions.Count))
            .Append("\tReplicationFactor: ").Append(CommonOptions.Format(replicationFactor))
            .Append("\tConfigs: ").Append(string.Join(',', overrides)).Append('\n');
        var partitions = new List<TopicPartitionInfo>(topic.Partitions);
        partitions.Sort(static (a, b) => a.Partition.CompareTo(b.Partition));
        foreach (var partition in partitions)
        {
            output.Append("\tTopic: ").Append(topic.Name)
                .Append("\tPartition: ").Append(CommonOptions.Format(partition.Partition))
                .Append("\tLeader: ").Append(partition.Leader is { } leader ? CommonOptions.Format(leader.Id) : "none")
                .Append("\tReplicas: ").Append(Ids(partition.Replicas))
                .Append("\tIsr: ").Append(Ids(partition.ISR)).Append('\n');
        }
    }

    private static string Ids(List<Client.Node> nodes)
    {
        var ids = new string[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            ids[i] = CommonOptions.Format(nodes[i].Id);
        }

        return string.Join(',', ids);
    }
}
