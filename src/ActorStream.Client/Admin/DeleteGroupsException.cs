namespace ActorStream.Client.Admin;

/// <summary>The call failed: at least one group could not be deleted; <see cref="Results"/> has the outcome of every group asked for.</summary>
public sealed class DeleteGroupsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per group.</param>
    public DeleteGroupsException(List<DeleteGroupReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per group, in request order.</summary>
    public List<DeleteGroupReport> Results { get; }

    private static KafkaError FirstError(List<DeleteGroupReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred deleting groups: [{result.Group}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
