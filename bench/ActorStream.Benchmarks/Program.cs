namespace ActorStream.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "journal")
        {
            return await Journal.JournalBenchmark.RunAsync(args[1..]);
        }

        Console.Error.WriteLine("usage: ActorStream.Benchmarks <actors|micro|journal> [options]");
        return args.Length == 0 ? 2 : 0;
    }
}
