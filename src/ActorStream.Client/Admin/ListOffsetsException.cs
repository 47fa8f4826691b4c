namespace ActorStream.Client.Admin;

/// <summary>At least one offset could not be looked up; <see cref="Results"/> has every partition asked for, each with its error.</summary>
public sealed class ListOffsetsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">Every partition asked for.</param>
    public ListOffsetsException(List<ListOffsetsResultInfo> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>Every partition asked for, in request order.</summary>
    public List<ListOffsetsResultInfo> Results { get; }

    private static KafkaError FirstError(List<ListOffsetsResultInfo> results)
    {
        foreach (var result in results)
        {
            var error = result.TopicPartitionOffsetError.Error;
            if (error.IsError)
            {
                return new KafkaError(error.Code, $"An error occurred listing offsets: [{result.TopicPartitionOffsetError.TopicPartition}]: [{error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
