namespace ActorStream.Client.Admin;

/// <summary>Records could not be deleted from at least one partition; <see cref="Results"/> has every partition asked for.</summary>
public sealed class DeleteRecordsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">Every partition asked for.</param>
    public DeleteRecordsException(List<DeleteRecordsReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>Every partition asked for, in request order.</summary>
    public List<DeleteRecordsReport> Results { get; }

    private static KafkaError FirstError(List<DeleteRecordsReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred deleting records: [{result.Topic} {result.Partition}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
