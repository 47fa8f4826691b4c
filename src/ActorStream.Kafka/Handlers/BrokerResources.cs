using System.Globalization;

namespace ActorStream.Kafka.Handlers;

/// <summary>Kafka's checks of the name of a BROKER config resource, with its messages.</summary>
internal static class BrokerResources
{
    /// <summary>
    /// True when <paramref name="name"/> is empty (the cluster-wide defaults: <paramref name="isDefault"/>) or
    /// this node's id; otherwise the INVALID_REQUEST message Kafka gives.
    /// </summary>
    public static bool TryCheck(string name, int nodeId, out bool isDefault, out string? error)
    {
        isDefault = string.IsNullOrEmpty(name);
        if (isDefault)
        {
            error = null;
            return true;
        }

        if (!int.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            error = $"Broker id must be an integer, but it is: {name}";
            return false;
        }

        if (id != nodeId)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Unexpected broker id, expected {nodeId} or empty string, but received {name}");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The answer to a change of broker configs: the node takes none at runtime.</summary>
    public const string DynamicConfigsUnsupported =
        "Dynamic broker configs are not supported: broker configs come from the node's configuration file (actorstream.broker) and apply at restart";
}
