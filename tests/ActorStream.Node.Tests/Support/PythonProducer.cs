using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorStream.Node.Tests.Support;

/// <summary>
/// Scripts/produce.py under /usr/bin/python3: a librdkafka producer (acks=1, keyed) whose delivery reports
/// are read as they come. Thread-safe: the reader task adds, the spec reads counts and snapshots.
/// </summary>
internal sealed class PythonProducer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly List<Delivery> _deliveries = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _garbled = [];
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;
    private int _sent;
    private int _acksWhenDown = -1;
    private JsonElement? _summary;

    private PythonProducer(Process process)
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

    public int AckCount
    {
        get
        {
            lock (_deliveries)
            {
                return _deliveries.Count;
            }
        }
    }

    /// <summary>Records handed to the client so far (reported every 1000).</summary>
    public int SentCount => Volatile.Read(ref _sent);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// How many delivery reports came before the client reported every broker down (-1 until then). Reports and
    /// client errors share one queue, so these are all the acknowledgements of the connections that went down.
    /// </summary>
    public int AcksWhenDown => Volatile.Read(ref _acksWhenDown);

    public string Describe()
    {
        lock (_stderr)
        {
            lock (_deliveries)
            {
                return $"{_deliveries.Count} acked, {_sent} sent, {_errors.Count} delivery errors (first: {(_errors.Count > 0 ? _errors[0] : "none")}), {_garbled.Count} unreadable lines (first: {(_garbled.Count > 0 ? _garbled[0] : "none")}), exited: {_process.HasExited}; stderr:\n{_stderr}";
            }
        }
    }

    /// <summary>Starts the producer of run <paramref name="run"/> (the values' tag) on <paramref name="topic"/>.</summary>
    public static PythonProducer Start(string bootstrap, string topic, string run, int? count = null, bool flush = false, TimeSpan? runFor = null)
    {
        Assert.True(File.Exists(Python), $"{Python} is required (with confluent_kafka) for the client-driven specs");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scripts", "produce.py"));
        start.ArgumentList.Add("--bootstrap");
        start.ArgumentList.Add(bootstrap);
        start.ArgumentList.Add("--topic");
        start.ArgumentList.Add(topic);
        start.ArgumentList.Add("--run");
        start.ArgumentList.Add(run);
        start.ArgumentList.Add("--seconds");
        start.ArgumentList.Add((runFor ?? TimeSpan.FromSeconds(120)).TotalSeconds.ToString(CultureInfo.InvariantCulture));
        if (count is { } n)
        {
            start.ArgumentList.Add("--count");
            start.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
        }

        if (flush)
        {
            start.ArgumentList.Add("--flush");
        }

        return new PythonProducer(Process.Start(start)!);
    }

    /// <summary>Waits until at least <paramref name="acks"/> delivery reports arrived and <paramref name="sent"/> records were handed to the client.</summary>
    public async Task WaitForAcksAsync(int acks, TimeSpan timeout, Func<string> context, int sent = 0)
    {
        await Deadline.UntilAsync(() => (AckCount >= acks && SentCount >= sent) || _process.HasExited, timeout, () => Describe() + context());
        Assert.True(AckCount >= acks && SentCount >= sent, $"the producer exited before {acks} acks and {sent} sends: {Describe()}{context()}");
    }

    /// <summary>The delivery reports so far, in the order the client delivered them.</summary>
    public Delivery[] Snapshot()
    {
        lock (_deliveries)
        {
            return [.. _deliveries];
        }
    }

    /// <summary>kill -9 the producer and return every report it wrote before dying.</summary>
    public async Task<ProducerOutcome> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        return await WaitForOutcomeAsync(TimeSpan.FromSeconds(30), killed: true);
    }

    /// <summary>Waits for the producer to finish by itself (it prints a summary).</summary>
    public async Task<ProducerOutcome> WaitForExitAsync(TimeSpan timeout, Func<string> context)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the producer did not finish within {timeout}: {Describe()}{context()}");
        }

        var outcome = await WaitForOutcomeAsync(TimeSpan.FromSeconds(30), killed: false);
        Assert.True(_process.ExitCode == 0, $"the producer exited with {_process.ExitCode}: {Describe()}{context()}");
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await _reading.WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    private async Task<ProducerOutcome> WaitForOutcomeAsync(TimeSpan timeout, bool killed)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading.WaitAsync(timeout);

        // SIGKILL can tear the line being written; any other unreadable line is the script's bug.
        Assert.True(_garbled.Count == 0 || (killed && _garbled.Count == 1), $"unreadable producer output: {string.Join(" | ", _garbled)}");
        return new ProducerOutcome(Snapshot(), [.. _errors], _summary);
    }

    private async Task ReadAsync()
    {
        string? pending = null;
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (pending is not null)
            {
                lock (_deliveries)
                {
                    _garbled.Add(pending);
                }

                pending = null;
            }

            try
            {
                Parse(line);
            }
            catch (JsonException)
            {
                pending = line;
            }
        }

        if (pending is not null)
        {
            // The last line may be torn by a kill.
            lock (_deliveries)
            {
                _garbled.Add(pending);
            }
        }
    }

    private void Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.TryGetProperty("o", out var offset))
        {
            var delivery = new Delivery(
                root.GetProperty("p").GetInt32(),
                offset.GetInt64(),
                Convert.FromHexString(root.GetProperty("k").GetString()!),
                Convert.FromHexString(root.GetProperty("v").GetString()!),
                root.GetProperty("t").GetInt64());
            lock (_deliveries)
            {
                _deliveries.Add(delivery);
            }
        }
        else if (root.TryGetProperty("sent", out var sent) && !root.TryGetProperty("done", out _))
        {
            Volatile.Write(ref _sent, sent.GetInt32());
        }
        else if (root.TryGetProperty("down", out _))
        {
            lock (_deliveries)
            {
                if (_acksWhenDown < 0)
                {
                    Volatile.Write(ref _acksWhenDown, _deliveries.Count);
                }
            }
        }
        else if (root.TryGetProperty("error", out var error))
        {
            lock (_deliveries)
            {
                _errors.Add(error.GetString() + " " + root.GetProperty("v").GetString());
            }
        }
        else if (root.TryGetProperty("done", out _))
        {
            _summary = root.Clone();
        }
        else
        {
            throw new JsonException("unknown line: " + line);
        }
    }
}
