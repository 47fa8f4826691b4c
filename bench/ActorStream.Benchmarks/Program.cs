using ActorStream.Benchmarks.Actors;
using BenchmarkDotNet.Running;

namespace ActorStream.Benchmarks;

/// <summary>
/// Benchmark entry point. Commands:
///   actors   throughput of the actor runtime (tell, ping-pong, ask), medians of several runs
///   journal  journal write throughput and persist latency (SQLite or PostgreSQL)
///   kafka-produce  Kafka-protocol produce load generator against a node (or --spawn-node)
///   kafka-fetch    Kafka-protocol fetch load generator: reads a topic from offset 0
///   micro    BenchmarkDotNet micro-benchmarks (pass BenchmarkDotNet arguments after it)
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        var rest = args[1..];
        try
        {
            return await RunAsync(args[0], rest);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(string command, string[] rest)
    {
        switch (command)
        {
            case "actors":
                return await ActorThroughputBenchmark.RunAsync(rest);
            case "journal":
                return await Journal.JournalBenchmark.RunAsync(rest);
            case "kafka-produce":
                return await Kafka.KafkaProduceBenchmark.RunAsync(rest);
            case "kafka-fetch":
                return await Kafka.KafkaFetchBenchmark.RunAsync(rest);
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                return 0;
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: ActorStream.Benchmarks <command> [options]");
        Console.Error.WriteLine("  actors [--runs N] [--tell N] [--pairs N] [--pingpong N] [--asks N] [--askers N]");
        Console.Error.WriteLine("  journal --plugin sqlite|postgres [--events N] [--writers N] [--event-size N] [--connection CS]");
        Console.Error.WriteLine("  kafka-produce [--bootstrap H:P | --spawn-node] [--topic T] [--records N] [--record-size 100] [--partitions 6] [--acks 1]");
        Console.Error.WriteLine("                [--batch-records 1000 | --batch-bytes 16384] [--in-flight 5] [--connections 1] [--compression none|gzip] [--warmup N]");
        Console.Error.WriteLine("  kafka-fetch   [--bootstrap H:P | --spawn-node] [--topic T] [--records N] [--fetch-max-bytes 52428800] [--partition-max-bytes 1048576] [--connections 1]");
        Console.Error.WriteLine("  micro [BenchmarkDotNet options, e.g. --filter *Mailbox*]");
        return 2;
    }
}
