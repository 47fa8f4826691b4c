namespace ActorStream.Client.Admin;

/// <summary>The call failed: partitions of at least one topic could not be created; <see cref="Results"/> has the outcome of every topic asked for.</summary>
public sealed class CreatePartitionsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per topic.</param>
    public CreatePartitionsException(List<CreatePartitionsReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per topic, in request order.</summary>
    public List<CreatePartitionsReport> Results { get; }

    private static KafkaError FirstError(List<CreatePartitionsReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred creating partitions: [{result.Topic}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
