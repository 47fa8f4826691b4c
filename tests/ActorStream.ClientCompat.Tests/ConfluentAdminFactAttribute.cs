namespace ActorStream.ClientCompat.Tests;

/// <summary>A fact skipped, with the reason, when this confluent-kafka-python's AdminClient lacks the method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConfluentAdminFactAttribute : FactAttribute
{
    public ConfluentAdminFactAttribute(string method)
    {
        Method = method;
        if (ClientEnvironment.ConfluentAdminSkipReason(method) is { } reason)
        {
            Skip = reason;
        }
    }

    public string Method { get; }
}
