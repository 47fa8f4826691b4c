namespace ActorStream.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: ActorStream.Benchmarks <actors|micro> [options]");
        return args.Length == 0 ? 2 : 0;
    }
}
