using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorStream.Node.Tests.Support;

/// <summary>
/// Scripts/commit.py under /usr/bin/python3: librdkafka commits offset <c>i * 10 + p</c> for every partition p
/// in iteration i, one synchronous commit per iteration. Thread-safe counters, read while it runs.
/// </summary>
internal sealed class PythonCommitter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;
    private int _lastAttempt;
    private int _lastCommitted;
    private int _errors;

    private PythonCommitter(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The last iteration whose commit was sent (or about to be).</summary>
    public int LastAttempt => Volatile.Read(ref _lastAttempt);

    /// <summary>The last iteration whose commit was acknowledged.</summary>
    public int LastCommitted => Volatile.Read(ref _lastCommitted);

    public static PythonCommitter Start(string bootstrap, string group, string topic, int partitions, int firstIteration)
    {
        Assert.True(File.Exists(PythonProducer.Python), $"{PythonProducer.Python} is required (with confluent_kafka) for the client-driven specs");
        var start = new ProcessStartInfo(PythonProducer.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scripts", "commit.py"));
        start.ArgumentList.Add("--bootstrap");
        start.ArgumentList.Add(bootstrap);
        start.ArgumentList.Add("--group");
        start.ArgumentList.Add(group);
        start.ArgumentList.Add("--topic");
        start.ArgumentList.Add(topic);
        start.ArgumentList.Add("--partitions");
        start.ArgumentList.Add(partitions.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--start");
        start.ArgumentList.Add(firstIteration.ToString(CultureInfo.InvariantCulture));
        return new PythonCommitter(Process.Start(start)!);
    }

    public string Describe()
    {
        lock (_stderr)
        {
            return $"attempted {LastAttempt}, committed {LastCommitted}, {Volatile.Read(ref _errors)} failed commits, exited: {_process.HasExited}; stderr:\n{_stderr}";
        }
    }

    /// <summary>kill -9; returns (last acknowledged, last attempted) iteration as reported before it died.</summary>
    public async Task<(int Committed, int Attempted)> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _reading.WaitAsync(TimeSpan.FromSeconds(30));
        return (LastCommitted, LastAttempt);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(line);
                root = json.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Only the line a kill tore can be unreadable, and it reports nothing acknowledged.
                continue;
            }

            if (root.TryGetProperty("attempt", out var attempt))
            {
                Volatile.Write(ref _lastAttempt, attempt.GetInt32());
            }
            else if (root.TryGetProperty("committed", out var committed))
            {
                Volatile.Write(ref _lastCommitted, committed.GetInt32());
            }
            else if (root.TryGetProperty("error", out _))
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}
