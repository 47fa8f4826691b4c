namespace ActorStream.Client.Admin;

/// <summary>At least one topic could not be created; <see cref="Results"/> has the outcome of every topic asked for.</summary>
public sealed class CreateTopicsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per topic.</param>
    public CreateTopicsException(List<CreateTopicReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per topic, in request order.</summary>
    public List<CreateTopicReport> Results { get; }

    private static KafkaError FirstError(List<CreateTopicReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred creating topics: [{result.Topic}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
