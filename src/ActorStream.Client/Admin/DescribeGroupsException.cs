namespace ActorStream.Client.Admin;

/// <summary>At least one group could not be described; <see cref="Results"/> has every group asked for, each with its error.</summary>
public sealed class DescribeGroupsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">Every group asked for.</param>
    public DescribeGroupsException(List<GroupDescription> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>Every group asked for, in request order.</summary>
    public List<GroupDescription> Results { get; }

    private static KafkaError FirstError(List<GroupDescription> results)
    {
        foreach (var group in results)
        {
            if (group.Error.IsError)
            {
                return new KafkaError(group.Error.Code, $"An error occurred describing groups: [{group.GroupId}]: [{group.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
