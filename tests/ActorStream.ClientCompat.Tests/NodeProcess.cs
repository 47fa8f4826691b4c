using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// A real <c>actorstream node</c> process on an ephemeral loopback port with its own temporary data
/// directory and config file, started from the Node project's build output with <c>dotnet</c>.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const string UpMarker = "is up: Kafka listener on ";
    private const int LogLines = 200;

    private readonly Process _process;
    private readonly string _workDir;
    private readonly bool _ownsWorkDir;
    private readonly Queue<string> _log = new();
    private readonly TaskCompletionSource<string> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, string workDir, bool ownsWorkDir)
    {
        _process = process;
        _workDir = workDir;
        _ownsWorkDir = ownsWorkDir;
    }

    /// <summary>host:port for bootstrap.servers.</summary>
    public string Bootstrap { get; private set; } = string.Empty;

    /// <summary>The node's own output so far (its last lines), to explain a failing client.</summary>
    public string LogTail()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
    }

    /// <summary>
    /// Starts a node whose config file holds <paramref name="brokerConfig"/> (HOCON, inside
    /// <c>actorstream.broker { }</c>) and waits until it reports that it is up and, when
    /// <paramref name="waitUntilServing"/>, until it answers a Metadata request. The node keeps its
    /// config and data in <paramref name="workDir"/> when given (left in place when the node stops, so
    /// that a later node restarts on the same data), else in a temporary directory deleted on dispose.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(
        string brokerConfig, bool waitUntilServing = true, string? workDir = null, CancellationToken cancellationToken = default)
    {
        var dll = NodeDllPath();
        var ownsWorkDir = workDir is null;
        workDir ??= Directory.CreateTempSubdirectory("actorstream-compat-").FullName;
        var configFile = Path.Combine(workDir, "node.conf");
        await File.WriteAllTextAsync(configFile, "actorstream.broker {\n" + brokerConfig + "\n}\n", cancellationToken);

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var arg in new[] { dll, "node", "--config", configFile, "--data-dir", Path.Combine(workDir, "data"), "--listen", "127.0.0.1:0" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ACTORSTREAM_ADVERTISED_HOST");
        info.Environment["DOTNET_gcServer"] = "0";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process, workDir, ownsWorkDir);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => node._up.TrySetException(new InvalidOperationException(
            "The actorstream node exited before it was up:\n" + node.LogTail()));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            try
            {
                node.Bootstrap = await node._up.Task.WaitAsync(timeout.Token);
                if (waitUntilServing)
                {
                    await WaitUntilServingAsync(node.Bootstrap, timeout.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"The actorstream node did not {(node.Bootstrap.Length == 0 ? "report that it is up" : "answer a Metadata request")} within 90 s:\n{node.LogTail()}");
            }

            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started or already reaped: nothing left to stop.
        }

        _process.Dispose();
        if (!_ownsWorkDir)
        {
            return;
        }

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp cleaner.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }

        var at = line.IndexOf(UpMarker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = line.AsSpan(at + UpMarker.Length);
            var end = rest.IndexOf(',');
            _up.TrySetResult((end < 0 ? rest : rest[..end]).ToString());
        }
    }

    /// <summary>
    /// Waits until the node answers a Metadata request, so that a fixture hands tests a node whose topic
    /// manager has recovered. One request at a time; a failed or slow attempt is retried until the deadline.
    /// </summary>
    private static async Task WaitUntilServingAsync(string address, CancellationToken cancellationToken)
    {
        while (!await MetadataProbe.TryRoundTripAsync(address, TimeSpan.FromSeconds(5), cancellationToken))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static string NodeDllPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ACTORSTREAM_NODE_DLL");
        var path = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ActorStreamNodeDll")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(new StringBuilder()
                .Append("The node executable actorstream.dll was not found at '").Append(path)
                .Append("'. Build src/ActorStream.Node in the same configuration as this test project, or set ACTORSTREAM_NODE_DLL.")
                .ToString());
        }

        return path;
    }
}
