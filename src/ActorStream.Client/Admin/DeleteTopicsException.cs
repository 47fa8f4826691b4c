namespace ActorStream.Client.Admin;

/// <summary>The call failed: one topic could not be deleted; <see cref="Results"/> has the outcome of every topic asked for.</summary>
public sealed class DeleteTopicsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per topic.</param>
    public DeleteTopicsException(List<DeleteTopicReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per topic, in request order.</summary>
    public List<DeleteTopicReport> Results { get; }

    private static KafkaError FirstError(List<DeleteTopicReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred deleting topics: [{result.Topic}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
