using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorStream.Node.Commands.Bench;

/// <summary>The outcome of one benchmark run, printed as text or as one JSON object.</summary>
/// <param name="Mode">produce, consume or e2e.</param>
/// <param name="Settings">What the run was asked for.</param>
/// <param name="Node">"embedded" or the bootstrap servers of the remote node.</param>
/// <param name="Partitions">The topic's partition count.</param>
/// <param name="Records">Records moved.</param>
/// <param name="Bytes">Value bytes moved.</param>
/// <param name="Elapsed">Time from the first record to the last.</param>
/// <param name="Latency">The latencies recorded (what they measure is <paramref name="LatencyKind"/>).</param>
/// <param name="LatencyKind">What a latency value is.</param>
/// <param name="Errors">Records that failed.</param>
internal sealed record BenchResult(
    string Mode,
    BenchSettings Settings,
    string Node,
    int Partitions,
    long Records,
    long Bytes,
    TimeSpan Elapsed,
    LatencyHistogram Latency,
    string LatencyKind,
    long Errors)
{
    private const double Mebibyte = 1024 * 1024;

    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;

    public double MbPerSecond => Elapsed > TimeSpan.Zero ? Bytes / Mebibyte / Elapsed.TotalSeconds : 0;

    /// <summary>One line of JSON: the figures first, then what the run was.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("mode", Mode);
            json.WriteNumber("recordsPerSecond", Math.Round(RecordsPerSecond, 1));
            json.WriteNumber("mbPerSecond", Math.Round(MbPerSecond, 3));
            WriteLatency(json, "p50Ms", 50);
            WriteLatency(json, "p99Ms", 99);
            WriteLatency(json, "p999Ms", 99.9);
            WriteLatency(json, "maxMs", 100);
            json.WriteString("latency", LatencyKind);
            json.WriteNumber("records", Records);
            json.WriteNumber("recordSize", Settings.RecordSize);
            json.WriteNumber("bytes", Bytes);
            json.WriteNumber("seconds", Math.Round(Elapsed.TotalSeconds, 3));
            json.WriteNumber("partitions", Partitions);
            json.WriteString("topic", Settings.Topic);
            json.WriteString("node", Node);
            if (Mode != "consume")
            {
                json.WriteString("acks", Settings.Acks);
                json.WriteNumber("batchSize", Settings.BatchSize);
                json.WriteNumber("lingerMs", Settings.LingerMs ?? (Mode == "e2e" ? EndToEndBench.DefaultLingerMs : ProduceBench.DefaultLingerMs));
                json.WriteString("compression", Settings.Compression);
            }

            if (Mode == "e2e")
            {
                json.WriteNumber("targetRate", Settings.Rate);
                json.WriteNumber("fetchMaxWaitMs", EndToEndBench.FetchMaxWaitMs);
            }

            json.WriteNumber("errors", Errors);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A few lines for people.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{Mode}: {Records:N0} records of {Settings.RecordSize:N0} B in {Elapsed.TotalSeconds:0.00} s ")
            .Append(c, $"(topic {Settings.Topic}, {Partitions} partitions, node {Node}")
            .Append(Mode == "consume" ? string.Empty : $", acks={Settings.Acks}, compression={Settings.Compression}")
            .Append(Mode == "e2e" ? string.Create(c, $", target {Settings.Rate:N0} records/s") : string.Empty)
            .Append(")\n");
        text.Append(c, $"  {RecordsPerSecond:N0} records/s, {MbPerSecond:0.0} MB/s (MiB of values)\n");
        if (Latency.Count > 0)
        {
            text.Append(c, $"  latency ({LatencyKind}): p50 {Latency.PercentileMs(50):0.###} ms, p99 {Latency.PercentileMs(99):0.###} ms, ")
                .Append(c, $"p99.9 {Latency.PercentileMs(99.9):0.###} ms, max {Latency.MaxMs:0.###} ms\n");
        }

        if (Errors > 0)
        {
            text.Append(c, $"  {Errors:N0} records failed\n");
        }

        return text.ToString();
    }

    private void WriteLatency(Utf8JsonWriter json, string name, double percentile)
    {
        if (Latency.PercentileMs(percentile) is { } value)
        {
            json.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
