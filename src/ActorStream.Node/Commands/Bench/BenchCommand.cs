using System.CommandLine;
using System.Globalization;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// <c>actorstream bench produce|consume|e2e</c>: throughput and latency of one producer, one consumer, or both at a
/// paced rate. Without <c>--bootstrap</c> (and without <c>$ACTORSTREAM_BOOTSTRAP</c>) the run starts its own node
/// in this process on a temporary data dir. Results go to stdout (text, or one JSON object with <c>--json</c>);
/// progress and notes go to stderr.
/// </summary>
internal static class BenchCommand
{
    private const string DefaultTopic = "actorstream-bench";

    /// <summary>Builds the command tree.</summary>
    /// <param name="bootstrap">The shared <c>--bootstrap</c> option.</param>
    public static Command Create(Option<string> bootstrap)
    {
        var bench = new Command("bench", "Measure throughput and latency against a node (without --bootstrap: a node started in this process).");
        bench.Subcommands.Add(CreateMode("produce", "One producer writes N records as fast as it can; latency is Produce call to delivery report.", bootstrap));
        bench.Subcommands.Add(CreateMode("consume", "One consumer (no group) reads N records from the beginning; latency is the wait per Consume call.", bootstrap));
        bench.Subcommands.Add(CreateMode("e2e", "A producer paced at --rate and a consumer in this process; latency is stamp-to-receive.", bootstrap));
        return bench;
    }

    private static Command CreateMode(string mode, string description, Option<string> bootstrap)
    {
        var topic = new Option<string>("--topic", "-t") { Description = $"The topic (default: {DefaultTopic}; created when missing)", DefaultValueFactory = _ => DefaultTopic };
        var records = new Option<long?>("--records", "-n")
        {
            Description = mode switch
            {
                "produce" => "Records to produce (default: 1,000,000)",
                "consume" => "Records to read (default: all the topic holds; embedded: produced first, default 1,000,000)",
                _ => "Records to produce (default: --rate times --duration)",
            },
        };
        Positive(records);
        var recordSize = new Option<int>("--record-size", "-s") { Description = "Bytes per value (default: 100)", DefaultValueFactory = _ => 100 };
        Positive(recordSize);
        var partitions = new Option<int>("--partitions", "-p") { Description = "Partitions of the topic when it is created (default: 6)", DefaultValueFactory = _ => 6 };
        Positive(partitions);
        var acks = new Option<string>("--acks") { Description = "Acknowledgements: 0, 1 or all (default: 1)", DefaultValueFactory = _ => "1" };
        acks.AcceptOnlyFromAmong("0", "1", "all");
        var batchSize = new Option<int>("--batch-size") { Description = "The producer's batch.size in bytes (default: 1000000; 16384, the client's default, makes the node sync many small requests)", DefaultValueFactory = _ => 1_000_000 };
        Positive(batchSize);
        var lingerMs = new Option<int?>("--linger-ms")
        {
            Description = $"The producer's linger.ms (default: {(mode == "e2e" ? EndToEndBench.DefaultLingerMs : ProduceBench.DefaultLingerMs)})",
        };
        AtLeast(lingerMs, 0, "must not be negative");
        var compression = new Option<string>("--compression") { Description = "none or gzip (default: none)", DefaultValueFactory = _ => "none" };
        compression.AcceptOnlyFromAmong("none", "gzip");
        var rate = new Option<int>("--rate", "-r") { Description = "Records per second of the paced producer (default: 100,000)", DefaultValueFactory = _ => 100_000 };
        Positive(rate);
        var duration = new Option<double>("--duration", "-d") { Description = "Seconds the paced producer runs when --records is not given (default: 10)", DefaultValueFactory = _ => 10 };
        Positive(duration);
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on one line, and nothing else on stdout" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or notes on stderr" };

        // consume uses the producer options only to fill an embedded node's topic first.
        var command = new Command(mode, description) { topic, records, recordSize, partitions, acks, batchSize, lingerMs, compression };

        if (mode == "e2e")
        {
            command.Options.Add(rate);
            command.Options.Add(duration);
            AtLeast(recordSize, sizeof(long), "must be at least 8 for e2e (the value carries the send time)");
        }

        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction((parse, ct) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(topic)!,
                parse.GetValue(records),
                parse.GetValue(recordSize),
                parse.GetValue(partitions),
                parse.GetValue(acks)!,
                parse.GetValue(batchSize),
                parse.GetValue(lingerMs),
                parse.GetValue(compression)!,
                mode == "e2e" ? parse.GetValue(rate) : 0,
                TimeSpan.FromSeconds(mode == "e2e" ? parse.GetValue(duration) : 0),
                parse.GetValue(json),
                parse.GetValue(quiet));
            var remote = parse.GetResult(bootstrap) is { Implicit: false }
                || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CommonOptions.BootstrapVariable));
            return BenchRunner.RunAsync(mode, settings, remote ? parse.GetValue(bootstrap)! : null, ct);
        });
        return command;
    }

    private static void Positive<T>(Option<T> option) => AtLeast(option, double.Epsilon, "must be positive");

    /// <summary>Adds a range check on the option's token (a value that does not parse is already an error of its own).</summary>
    private static void AtLeast<T>(Option<T> option, double minimum, string message)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value < minimum)
                {
                    result.AddError($"{option.Name} {message}");
                }
            }
        });
    }
}
