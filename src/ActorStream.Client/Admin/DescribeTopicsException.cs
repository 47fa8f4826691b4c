namespace ActorStream.Client.Admin;

/// <summary>At least one topic could not be described; <see cref="Results"/> has every topic asked for, each with its error.</summary>
public sealed class DescribeTopicsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">Every topic asked for.</param>
    public DescribeTopicsException(DescribeTopicsResult results)
        : base(FirstError(results)) => Results = results;

    /// <summary>Every topic asked for, in request order.</summary>
    public DescribeTopicsResult Results { get; }

    private static KafkaError FirstError(DescribeTopicsResult results)
    {
        foreach (var topic in results.TopicDescriptions)
        {
            if (topic.Error.IsError)
            {
                return new KafkaError(topic.Error.Code, $"An error occurred describing topics: [{topic.Name}]: [{topic.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
