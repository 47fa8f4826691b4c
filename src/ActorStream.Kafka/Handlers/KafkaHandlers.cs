namespace ActorStream.Kafka.Handlers;

/// <summary>The API handlers of a broker node over one <see cref="BrokerServices"/>.</summary>
public static class KafkaHandlers
{
    /// <summary>Every implemented handler (ApiVersions is added by the dispatcher itself).</summary>
    public static IApiHandler[] All(BrokerServices broker) =>
    [
        new ApiVersionsHandler(),
        new MetadataHandler(broker),
        new ProduceHandler(broker),
        new FetchHandler(broker),
        new ListOffsetsHandler(broker),
        new CreateTopicsHandler(broker),
        new DeleteTopicsHandler(broker),
        new FindCoordinatorHandler(broker),
        new JoinGroupHandler(broker),
        new SyncGroupHandler(broker),
        new HeartbeatHandler(broker),
        new LeaveGroupHandler(broker),
        new OffsetCommitHandler(broker),
        new OffsetFetchHandler(broker),
        new DescribeGroupsHandler(broker),
        new ListGroupsHandler(broker),
        new DeleteGroupsHandler(broker),
        .. AdminHandlers.All(broker),
    ];
}
