using System.CommandLine;
using ActorStream.Node.Commands;
using ActorStream.Node.Commands.Bench;

var root = new RootCommand("ActorStream: a streaming platform with Apache Kafka's semantics, built as an actor system.");
var bootstrap = CommonOptions.CreateBootstrap();
root.Options.Add(bootstrap);
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(TopicsCommand.Create(bootstrap));
root.Subcommands.Add(ProduceCommand.Create(bootstrap));
root.Subcommands.Add(ConsumeCommand.Create(bootstrap));
root.Subcommands.Add(GroupsCommand.Create(bootstrap));
root.Subcommands.Add(BenchCommand.Create(bootstrap));

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync("Run 'actorstream --help' (or COMMAND --help) for usage.").ConfigureAwait(false);
    return ExitCodes.Usage;
}

return await parseResult.InvokeAsync().ConfigureAwait(false);
