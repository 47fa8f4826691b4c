namespace ActorStream.Broker.Topics;

/// <summary>
/// One topic-level config key: its Kafka name, type, default (taken from the broker synonym when it has
/// one), validity rule and flags. Immutable.
/// </summary>
/// <param name="Name">Kafka's topic config name ("retention.ms").</param>
/// <param name="Type">The value type.</param>
/// <param name="BrokerSynonyms">
/// The broker keys that supply the default, highest precedence first ("log.retention.ms",
/// "log.retention.minutes", "log.retention.hours"); empty when the default is fixed.
/// </param>
/// <param name="Default">The default in force on this broker.</param>
/// <param name="Minimum">For numbers: the smallest valid value, or null.</param>
/// <param name="Maximum">For numbers: the largest valid value, or null.</param>
/// <param name="ValidValues">For strings and lists: the allowed values (case-sensitive as Kafka's), or null for any.</param>
/// <param name="ReadOnly">True when it cannot be set on a topic.</param>
/// <param name="Sensitive">True when DescribeConfigs must hide the value.</param>
/// <param name="Documentation">One line for DescribeConfigs v3+.</param>
public sealed record TopicConfigDefinition(
    string Name,
    TopicConfigType Type,
    IReadOnlyList<string> BrokerSynonyms,
    string Default,
    double? Minimum,
    double? Maximum,
    IReadOnlyList<string>? ValidValues,
    bool ReadOnly,
    bool Sensitive,
    string Documentation);
