namespace ActorStream.Client.Admin;

/// <summary>The call failed for at least one group or partition; <see cref="Results"/> has the outcome of every group asked for.</summary>
public sealed class AlterConsumerGroupOffsetsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per group.</param>
    public AlterConsumerGroupOffsetsException(List<AlterConsumerGroupOffsetsResult> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per group, in request order.</summary>
    public List<AlterConsumerGroupOffsetsResult> Results { get; }

    private static KafkaError FirstError(List<AlterConsumerGroupOffsetsResult> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred altering consumer group offsets: [{result.Group}]: [{result.Error.Reason}].");
            }

            foreach (var partition in result.Partitions)
            {
                if (partition.Error.IsError)
                {
                    return new KafkaError(partition.Error.Code, $"An error occurred altering consumer group offsets: [{result.Group}, {partition.TopicPartition}]: [{partition.Error.Reason}].");
                }
            }
        }

        return KafkaError.NoError;
    }
}
