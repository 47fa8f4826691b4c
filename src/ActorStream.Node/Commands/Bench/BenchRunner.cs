namespace ActorStream.Node.Commands.Bench;

/// <summary>Runs one benchmark against a remote node or an embedded one and prints its result.</summary>
internal static class BenchRunner
{
    /// <summary>Runs <paramref name="mode"/>; returns the exit code.</summary>
    /// <param name="mode">produce, consume or e2e.</param>
    /// <param name="settings">The run.</param>
    /// <param name="bootstrap">The remote node, or null for an embedded one.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl-C.</param>
    public static async Task<int> RunAsync(string mode, BenchSettings settings, string? bootstrap, CancellationToken cancellationToken)
    {
        if (bootstrap is not null)
        {
            Note(settings, $"bench {mode}: using the node at {bootstrap}");
            return await CommandRunner.RunAsync(bootstrap, token => RunAndPrintAsync(mode, settings, bootstrap, bootstrap, false, token), cancellationToken)
                .ConfigureAwait(false);
        }

        EmbeddedBenchNode node;
        try
        {
            node = EmbeddedBenchNode.Start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or ArgumentException or Configuration.ConfigException)
        {
            await Console.Error.WriteLineAsync($"error: cannot start the embedded node: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        await using (node.ConfigureAwait(false))
        {
            Note(settings, $"bench {mode}: using an embedded node at {node.Bootstrap} (temporary data dir; pass --bootstrap to use a running node)");
            return await CommandRunner.RunAsync(node.Bootstrap, token => RunAndPrintAsync(mode, settings, node.Bootstrap, "embedded", true, token), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAndPrintAsync(string mode, BenchSettings settings, string bootstrap, string nodeName, bool embedded, CancellationToken cancellationToken)
    {
        var result = mode switch
        {
            "produce" => await ProduceBench.RunAsync(settings, bootstrap, nodeName, cancellationToken).ConfigureAwait(false),
            "consume" => await ConsumeBench.RunAsync(settings, bootstrap, nodeName, embedded, cancellationToken).ConfigureAwait(false),
            _ => await EndToEndBench.RunAsync(settings, bootstrap, nodeName, cancellationToken).ConfigureAwait(false),
        };
        if (settings.Json)
        {
            await Console.Out.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
        }
        else
        {
            await Console.Out.WriteAsync(result.ToText()).ConfigureAwait(false);
        }

        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result.Errors > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    private static void Note(BenchSettings settings, string text)
    {
        if (!settings.Quiet)
        {
            Console.Error.WriteLine(text);
        }
    }
}
