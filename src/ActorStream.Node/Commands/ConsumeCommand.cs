using System.CommandLine;
using ActorStream.Client;

namespace ActorStream.Node.Commands;

/// <summary>
/// <c>actorstream consume TOPIC</c>: prints records to stdout until <c>--max</c> records, <c>--timeout-ms</c> without
/// data, or Ctrl-C. With <c>--group</c> it joins the group and commits what it printed; without, it reads every
/// partition (or the one given) without committing.
/// </summary>
internal static class ConsumeCommand
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan s_joinAllowance = TimeSpan.FromSeconds(30);

    /// <summary>Builds the command.</summary>
    /// <param name="bootstrap">The shared <c>--bootstrap</c> option.</param>
    public static Command Create(Option<string> bootstrap)
    {
        var topic = new Argument<string>("TOPIC") { Description = "The topic" };
        var group = new Option<string?>("--group", "-g") { Description = "Consume as a member of this group and commit the offsets printed" };
        var fromBeginning = new Option<bool>("--from-beginning") { Description = "Start at the earliest offset when there is no committed offset" };
        var max = new Option<long?>("--max", "-n") { Description = "Exit after N records" };
        var timeout = new Option<int?>("--timeout-ms") { Description = "Exit after T ms without records (default: run until Ctrl-C)" };
        var partition = new Option<int?>("--partition") { Description = "Read only this partition" };
        var offset = new Option<long?>("--offset") { Description = "With --partition: start at this offset" };
        var format = new Option<string>("--format") { Description = "json, value, or a template such as \"%k\\t%v\" (%t %p %o %T %k %v %h)", DefaultValueFactory = _ => "value" };
        var command = new Command("consume", "Print the records of a topic.") { topic, group, fromBeginning, max, timeout, partition, offset, format };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var servers = parse.GetValue(bootstrap)!;
            var topicName = parse.GetValue(topic)!;
            var groupId = parse.GetValue(group);
            var startOffset = parse.GetValue(offset);
            var onlyPartition = parse.GetValue(partition);
            if (startOffset is not null && onlyPartition is null)
            {
                throw new UsageException("--offset needs --partition");
            }

            if (parse.GetValue(max) is <= 0)
            {
                throw new UsageException("--max must be positive");
            }

            if (parse.GetValue(timeout) is < 0)
            {
                throw new UsageException("--timeout-ms must not be negative");
            }

            var config = CommandRunner.ClientConfig(servers);
            config["enable.auto.commit"] = "false";
            config["default.api.timeout.ms"] = "30000";
            config["auto.offset.reset"] = parse.GetValue(fromBeginning) ? "earliest" : "latest";
            if (groupId is not null)
            {
                config["group.id"] = groupId;
            }

            var start = parse.GetValue(fromBeginning) ? Offset.Beginning : Offset.End;
            var assignment = new List<TopicPartitionOffset>();
            if (onlyPartition is { } p)
            {
                assignment.Add(new TopicPartitionOffset(topicName, p, startOffset is { } o ? new Offset(o) : groupId is null ? start : Offset.Stored));
            }
            else if (groupId is null)
            {
                using var admin = CommandRunner.CreateAdmin(servers);
                var described = await admin.DescribeTopicsAsync([topicName], cancellationToken: token).ConfigureAwait(false);
                foreach (var info in described.TopicDescriptions[0].Partitions)
                {
                    assignment.Add(new TopicPartitionOffset(topicName, info.Partition, start));
                }
            }

            using var stdout = Console.OpenStandardOutput();
            var formatter = new RecordFormatter(parse.GetValue(format)!, stdout);
            using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
            var loop = new ConsumeLoop(parse.GetValue(max), parse.GetValue(timeout) is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            await Task.Run(() => loop.Run(consumer, formatter, topicName, assignment, groupId is not null, token), CancellationToken.None).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Consumed {CommonOptions.Format(loop.Count)} records.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>The poll loop (synchronous: the client's Consume blocks).</summary>
    private sealed class ConsumeLoop(long? max, TimeSpan? idleTimeout)
    {
        public long Count { get; private set; }

        public void Run(IConsumer<byte[], byte[]> consumer, RecordFormatter formatter, string topic, List<TopicPartitionOffset> assignment, bool commit, CancellationToken cancellationToken)
        {
            if (assignment.Count > 0)
            {
                consumer.Assign(assignment);
            }
            else
            {
                consumer.Subscribe(topic);
            }

            var time = TimeProvider.System;
            var begun = time.GetTimestamp();
            var lastRecord = begun;
            var uncommitted = false;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var result = consumer.Consume(s_pollInterval);
                    if (result is null || result.IsPartitionEOF)
                    {
                        formatter.Flush();
                        if (uncommitted)
                        {
                            consumer.Commit();
                            uncommitted = false;
                        }

                        // A group member has no partitions until it joins: the wait for data starts with the assignment.
                        if (assignment.Count == 0 && consumer.Assignment.Count == 0 && time.GetElapsedTime(begun) < s_joinAllowance)
                        {
                            lastRecord = time.GetTimestamp();
                        }

                        if (idleTimeout is { } limit && time.GetElapsedTime(lastRecord) >= limit)
                        {
                            break;
                        }

                        continue;
                    }

                    formatter.Write(result);
                    lastRecord = time.GetTimestamp();
                    uncommitted = commit;
                    if (++Count >= max)
                    {
                        break;
                    }
                }
            }
            finally
            {
                formatter.Flush();
            }

            if (uncommitted)
            {
                consumer.Commit();
            }

            consumer.Close();
        }
    }
}
