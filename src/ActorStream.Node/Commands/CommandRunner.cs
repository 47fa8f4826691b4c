using ActorStream.Client;
using ActorStream.Client.Admin;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Node.Commands;

/// <summary>
/// Runs the body of an operator command: probes the node first, then maps failures to messages on stderr and to
/// exit codes (1 for a Kafka error or an unreachable node, 2 for bad usage).
/// </summary>
internal static class CommandRunner
{
    /// <summary>Client settings every command uses: short time limits so that a stuck call fails instead of hanging.</summary>
    public static Dictionary<string, string> ClientConfig(string bootstrap) => new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = bootstrap,
        ["client.id"] = "actorstream-cli",
        ["socket.connection.setup.timeout.ms"] = "5000",
        ["request.timeout.ms"] = "15000",
    };

    /// <summary>Builds an admin client for <paramref name="bootstrap"/>.</summary>
    public static IAdminClient CreateAdmin(string bootstrap)
    {
        var config = ClientConfig(bootstrap);
        config["default.api.timeout.ms"] = "30000";
        return new AdminClientBuilder(config).Build();
    }

    /// <summary>Probes <paramref name="bootstrap"/>, runs <paramref name="body"/> and turns its failures into exit codes.</summary>
    /// <param name="bootstrap">The bootstrap servers.</param>
    /// <param name="body">The command.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl-C.</param>
    public static async Task<int> RunAsync(string bootstrap, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            await Bootstrap.ProbeAsync(bootstrap, cancellationToken).ConfigureAwait(false);
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (NodeUnreachableException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (KafkaException e)
        {
            await Console.Error.WriteLineAsync($"error: {Describe(FirstError(e))}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    /// <summary>Formats an error as "NAME: message".</summary>
    /// <param name="error">The error.</param>
    public static string Describe(KafkaError error)
    {
        var name = error.IsLocalError ? "Local_" + error.LocalCode : error.Code.GetKafkaName() ?? ((short)error.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(error.Reason, name, StringComparison.Ordinal) ? name : $"{name}: {error.Reason}";
    }

    /// <summary>Finds the error of the first failed item of a batch call, else the exception's own.</summary>
    private static KafkaError FirstError(KafkaException e)
    {
        switch (e)
        {
            case CreateTopicsException c:
                foreach (var r in c.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case DeleteTopicsException d:
                foreach (var r in d.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case DescribeTopicsException t:
                foreach (var r in t.Results.TopicDescriptions)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case CreatePartitionsException p:
                foreach (var r in p.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case AlterConfigsException a:
                foreach (var r in a.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case DescribeConfigsException dc:
                foreach (var r in dc.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case DeleteGroupsException g:
                foreach (var r in g.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case DescribeGroupsException dg:
                foreach (var r in dg.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }
                }

                break;
            case AlterConsumerGroupOffsetsException ao:
                foreach (var r in ao.Results)
                {
                    if (r.Error.IsError)
                    {
                        return r.Error;
                    }

                    foreach (var p in r.Partitions)
                    {
                        if (p.Error.IsError)
                        {
                            return p.Error;
                        }
                    }
                }

                break;
        }

        return e.Error;
    }
}
