using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// Runs client scenarios against one node and fails with everything needed to see why: the
/// command, the client's stdout and stderr, and the node's last log lines.
/// </summary>
public sealed class ScenarioRunner
{
    private static int s_counter;

    private readonly NodeProcess _node;
    private readonly ITestOutputHelper _output;

    public ScenarioRunner(NodeProcess node, ITestOutputHelper output)
    {
        _node = node;
        _output = output;
    }

    public string Bootstrap => _node.Bootstrap;

    /// <summary>A topic name no other test uses.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>kcat with <c>-b bootstrap</c> prepended; fails unless it exits with 0.</summary>
    public Task<ClientResult> KcatAsync(IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null) =>
        KcatRawAsync(arguments, stdin, timeout, expectSuccess: true);

    /// <summary>kcat with <c>-b bootstrap</c> prepended; the caller judges the exit code.</summary>
    public async Task<ClientResult> KcatRawAsync(IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null, bool expectSuccess = false)
    {
        var kcat = ClientEnvironment.RequireKcat();
        var result = await RunAsync(kcat, ["-b", Bootstrap, .. arguments], stdin is null ? null : Encoding.UTF8.GetBytes(stdin), timeout);
        return Check(result, expectSuccess);
    }

    /// <summary>A scenario of python/kafka_python_scenarios.py.</summary>
    public Task<ClientResult> KafkaPythonAsync(string scenario, object arguments, TimeSpan? timeout = null) =>
        PythonAsync(ClientEnvironment.RequireKafkaPython(), "kafka_python_scenarios.py", scenario, arguments, timeout);

    /// <summary>A scenario of python/confluent_scenarios.py.</summary>
    public Task<ClientResult> ConfluentAsync(string scenario, object arguments, TimeSpan? timeout = null) =>
        PythonAsync(ClientEnvironment.RequireConfluentKafka(), "confluent_scenarios.py", scenario, arguments, timeout);

    /// <summary>A scenario of js/kafkajs_scenarios.js.</summary>
    public async Task<ClientResult> KafkaJsAsync(string scenario, object arguments, TimeSpan? timeout = null)
    {
        var (node, modules) = ClientEnvironment.RequireKafkaJs();
        var script = Path.Combine(ClientEnvironment.ScriptsDirectory, "js", "kafkajs_scenarios.js");
        var result = await RunAsync(node, [script, scenario, Arguments(arguments)], timeout: timeout,
            environment: new Dictionary<string, string> { ["NODE_PATH"] = modules, ["KAFKAJS_NO_PARTITIONER_WARNING"] = "1" });
        return Check(result, expectSuccess: true);
    }

    private async Task<ClientResult> PythonAsync(string python, string script, string scenario, object arguments, TimeSpan? timeout)
    {
        var path = Path.Combine(ClientEnvironment.ScriptsDirectory, "python", script);
        var result = await RunAsync(python, [path, scenario, Arguments(arguments)], timeout: timeout);
        return Check(result, expectSuccess: true);
    }

    private async Task<ClientResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        byte[]? stdin = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            return await ClientProcess.RunAsync(fileName, arguments, stdin, timeout, environment);
        }
        catch (TimeoutException e)
        {
            _output.WriteLine(e.Message);
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- node log (last lines) ---\n{_node.LogTail()}");
        }
    }

    private string Arguments(object arguments)
    {
        var json = JsonSerializer.SerializeToNode(arguments)!.AsObject();
        json["bootstrap"] = Bootstrap;
        return json.ToJsonString();
    }

    private ClientResult Check(ClientResult result, bool expectSuccess)
    {
        _output.WriteLine(result.Describe());
        if (expectSuccess && (result.ExitCode != 0 || (result.Command.Contains("_scenarios.", StringComparison.Ordinal) && result.Events("done").Count == 0)))
        {
            throw new Xunit.Sdk.XunitException($"The client failed.\n{result.Describe()}\n--- node log (last lines) ---\n{_node.LogTail()}");
        }

        return result;
    }
}
