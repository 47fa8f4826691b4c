using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorStream.Node.Tests.Support;

/// <summary>
/// One <c>actorstream node</c> child process on a loopback port and a data dir. Captures stdout and stderr
/// (for failure messages); can be killed (SIGKILL) or terminated (SIGTERM). Disposing kills it if it still runs.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, string dataDir, int port)
    {
        _process = process;
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    public string Bootstrap => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the node wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node and waits for its "is up" line; fails with its output if it exits or stays silent.</summary>
    public static async Task<NodeProcess> StartAsync(string dataDir, int port, int nodeId = 0)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeAssembly.Path);
        start.ArgumentList.Add("node");
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add("--listen");
        start.ArgumentList.Add("127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--node-id");
        start.ArgumentList.Add(nodeId.ToString(CultureInfo.InvariantCulture));
        start.Environment.Remove("ACTORSTREAM_ADVERTISED_HOST");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(process, dataDir, port);
        process.OutputDataReceived += (_, e) => node.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => node.Append("err", e.Data);
        process.Exited += (_, _) => node._up.TrySetException(new InvalidOperationException("the node exited before it was up"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node._up.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await node.DisposeAsync();
            Assert.Fail($"node on port {port} did not come up ({e.Message}); output:\n{node.Output}");
        }

        return node;
    }

    /// <summary>kill -9: the node gets no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_process.ExitCode == 137, $"a SIGKILLed node exits with 137, got {_process.ExitCode}; output:\n{Output}");
    }

    /// <summary>kill -TERM; returns the exit code, or fails with the node's output when it does not exit within <paramref name="timeout"/>.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, kill.ExitCode);
        }

        await WaitForExitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            _process.Kill();
            Assert.Fail($"node {ProcessId} did not exit within {timeout}; output:\n{Output}");
        }
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(stream).Append("| ").AppendLine(line);
        }

        if (stream == "out" && line.Contains(" is up: ", StringComparison.Ordinal))
        {
            _up.TrySetResult();
        }
    }
}
