using System.Text.Json;

namespace ActorStream.Node.Tests.Support;

/// <summary>What a producer run left behind: its delivery reports in arrival order, its delivery errors and its final summary (null when killed).</summary>
internal sealed record ProducerOutcome(Delivery[] Deliveries, string[] Errors, JsonElement? Summary)
{
    public int SummaryValue(string name) => Summary is { } summary ? summary.GetProperty(name).GetInt32() : -1;
}
