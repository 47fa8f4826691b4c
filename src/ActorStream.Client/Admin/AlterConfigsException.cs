namespace ActorStream.Client.Admin;

/// <summary>The call failed: the configuration of at least one resource could not be altered; <see cref="Results"/> has the outcome of every resource asked for.</summary>
public sealed class AlterConfigsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per resource.</param>
    public AlterConfigsException(List<AlterConfigsReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per resource, in request order.</summary>
    public List<AlterConfigsReport> Results { get; }

    private static KafkaError FirstError(List<AlterConfigsReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred altering configs: [{result.ConfigResource}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
