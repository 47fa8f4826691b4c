namespace ActorStream.Client.Admin;

/// <summary>The call failed: the configuration of at least one resource could not be described; <see cref="Results"/> has the outcome of every resource asked for.</summary>
public sealed class DescribeConfigsException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">The outcome per resource.</param>
    public DescribeConfigsException(List<DescribeConfigsReport> results)
        : base(FirstError(results)) => Results = results;

    /// <summary>The outcome per resource, in request order.</summary>
    public List<DescribeConfigsReport> Results { get; }

    private static KafkaError FirstError(List<DescribeConfigsReport> results)
    {
        foreach (var result in results)
        {
            if (result.Error.IsError)
            {
                return new KafkaError(result.Error.Code, $"An error occurred describing configs: [{result.ConfigResource}]: [{result.Error.Reason}].");
            }
        }

        return KafkaError.NoError;
    }
}
