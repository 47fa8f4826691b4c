using System.CommandLine;
using System.Text;
using ActorStream.Client;

namespace ActorStream.Node.Commands;

/// <summary>
/// <c>actorstream produce TOPIC</c>: one record per line of stdin (or <c>--file</c>), optionally split into key and
/// value at the first <c>--key-separator</c>; prints the count to stderr.
/// </summary>
internal static class ProduceCommand
{
    private const int ProgressEvery = 1000;

    /// <summary>Builds the command.</summary>
    /// <param name="bootstrap">The shared <c>--bootstrap</c> option.</param>
    public static Command Create(Option<string> bootstrap)
    {
        var topic = new Argument<string>("TOPIC") { Description = "The topic" };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read lines from this file instead of stdin" };
        var separator = new Option<string?>("--key-separator", "-k")
        {
            Description = "Split each line into key and value at the first occurrence of SEP (lines without it get a null key)",
        };
        var header = new Option<string[]>("--header", "-H") { Description = "Header k=v added to every record (repeatable)" };
        var acks = new Option<string>("--acks") { Description = "Acknowledgements: all, 1 or 0", DefaultValueFactory = _ => "all" };
        acks.AcceptOnlyFromAmong("all", "-1", "1", "0");
        var partition = new Option<int?>("--partition") { Description = "Write every record to this partition (default: by key)" };
        var command = new Command("produce", "Produce lines from stdin or a file as records.") { topic, file, separator, header, acks, partition };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(bootstrap)!, async token =>
        {
            var sep = parse.GetValue(separator);
            if (sep is { Length: 0 })
            {
                throw new UsageException("--key-separator must not be empty");
            }

            var headers = CommonOptions.ParsePairs(parse.GetValue(header), "--header");
            var fileInfo = parse.GetValue(file);
            if (fileInfo is not null && !fileInfo.Exists)
            {
                throw new UsageException($"file '{fileInfo.FullName}' does not exist");
            }

            var config = CommandRunner.ClientConfig(parse.GetValue(bootstrap)!);
            var acksValue = parse.GetValue(acks);
            config["acks"] = acksValue == "all" ? "-1" : acksValue!;
            config["max.block.ms"] = "15000";
            config["delivery.timeout.ms"] = "30000";
            if (acksValue == "0")
            {
                config["enable.idempotence"] = "false";
            }

            var job = new ProduceJob(parse.GetValue(topic)!, sep, headers, parse.GetValue(partition));
            using var reader = fileInfo is null
                ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false))
                : new StreamReader(fileInfo.FullName, new UTF8Encoding(false));
            using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
            var produced = await Progress.RunAsync("producing", report => Task.Run(() => job.Run(producer, reader, report, token), token))
                .ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Produced {CommonOptions.Format(produced)} records to {job.Topic}.").ConfigureAwait(false);
            if (job.FirstError is { } error)
            {
                throw new KafkaException(error);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>The produce loop and its delivery accounting.</summary>
    private sealed class ProduceJob(string topic, string? separator, List<KeyValuePair<string, string>> headers, int? partition)
    {
        private readonly Lock _lock = new();
        private long _delivered;

        public string Topic { get; } = topic;

        public KafkaError? FirstError { get; private set; }

        public long Run(IProducer<byte[], byte[]> producer, TextReader reader, Action<string> report, CancellationToken cancellationToken)
        {
            var headerBytes = new List<KeyValuePair<string, byte[]>>(headers.Count);
            foreach (var pair in headers)
            {
                headerBytes.Add(new KeyValuePair<string, byte[]>(pair.Key, Encoding.UTF8.GetBytes(pair.Value)));
            }

            Action<DeliveryReport<byte[], byte[]>> onDelivery = OnDelivery;
            var target = partition is { } p ? new TopicPartition(Topic, p) : null;
            long sent = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null && !cancellationToken.IsCancellationRequested)
            {
                byte[]? key = null;
                var value = line;
                if (separator is not null)
                {
                    var at = line.IndexOf(separator, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        key = Encoding.UTF8.GetBytes(line[..at]);
                        value = line[(at + separator.Length)..];
                    }
                }

                var message = new Message<byte[], byte[]> { Key = key!, Value = Encoding.UTF8.GetBytes(value) };
                if (headerBytes.Count > 0)
                {
                    message.Headers = [];
                    foreach (var pair in headerBytes)
                    {
                        message.Headers.Add(pair.Key, pair.Value);
                    }
                }

                if (target is not null)
                {
                    producer.Produce(target, message, onDelivery);
                }
                else
                {
                    producer.Produce(Topic, message, onDelivery);
                }

                sent++;
                if (sent % ProgressEvery == 0)
                {
                    report($"sent {CommonOptions.Format(sent)}, delivered {CommonOptions.Format(Interlocked.Read(ref _delivered))}");
                    lock (_lock)
                    {
                        if (FirstError is not null)
                        {
                            break;
                        }
                    }
                }
            }

            report($"flushing {CommonOptions.Format(sent)} records");
            producer.Flush(cancellationToken);
            return Interlocked.Read(ref _delivered);
        }

        private void OnDelivery(DeliveryReport<byte[], byte[]> deliveryReport)
        {
            if (deliveryReport.Error.IsError)
            {
                lock (_lock)
                {
                    FirstError ??= deliveryReport.Error;
                }
            }
            else
            {
                Interlocked.Increment(ref _delivered);
            }
        }
    }
}
