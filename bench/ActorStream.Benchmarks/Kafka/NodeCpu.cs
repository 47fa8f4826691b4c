using System.Globalization;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// CPU time of another process (the node under test, --node-pid) from /proc/PID/stat (user +
/// system, in clock ticks of 1/100 s on Linux). Reports nothing on other systems or for an unknown pid.
/// </summary>
internal sealed class NodeCpu
{
    private const double TicksPerSecond = 100.0;

    private readonly int _pid;
    private readonly double _start;

    private NodeCpu(int pid, double start)
    {
        _pid = pid;
        _start = start;
    }

    /// <summary>Starts measuring <paramref name="pid"/>; null when no pid was given or /proc cannot be read.</summary>
    public static NodeCpu? Start(int pid) => pid > 0 && Read(pid) is { } start ? new NodeCpu(pid, start) : null;

    /// <summary>CPU seconds the process used since <see cref="Start"/>.</summary>
    public double Elapsed() => (Read(_pid) ?? _start) - _start;

    private static double? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
