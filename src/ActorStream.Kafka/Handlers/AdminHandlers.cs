namespace ActorStream.Kafka.Handlers;

/// <summary>
/// The admin and producer-id API handlers of a broker node: DescribeConfigs, AlterConfigs,
/// IncrementalAlterConfigs, CreatePartitions, DeleteRecords, DescribeCluster, InitProducerId and
/// OffsetForLeaderEpoch (listed by <see cref="KafkaHandlers.All"/>).
/// </summary>
public static class AdminHandlers
{
    /// <summary>Every admin handler over <paramref name="broker"/>.</summary>
    public static IApiHandler[] All(BrokerServices broker) =>
    [
        new DescribeConfigsHandler(broker),
        new AlterConfigsHandler(broker),
        new IncrementalAlterConfigsHandler(broker),
        new CreatePartitionsHandler(broker),
        new DeleteRecordsHandler(broker),
        new DescribeClusterHandler(broker),
        new InitProducerIdHandler(broker),
        new OffsetForLeaderEpochHandler(broker),
    ];
}
