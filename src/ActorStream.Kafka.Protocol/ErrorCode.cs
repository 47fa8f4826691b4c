namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Kafka error codes (int16 on the wire), numbered exactly as Apache Kafka 3.8 numbers them. The numbers
/// never change. <see cref="ErrorCodes"/> gives the Kafka name (UNKNOWN_TOPIC_OR_PARTITION) and whether
/// the Java client treats the code as retriable. Code 99 is unused by Kafka.
/// </summary>
public enum ErrorCode : short
{
    /// <summary>UNKNOWN_SERVER_ERROR (UnknownServerException).</summary>
    UnknownServerError = -1,

    /// <summary>NONE.</summary>
    None = 0,

    /// <summary>OFFSET_OUT_OF_RANGE (OffsetOutOfRangeException).</summary>
    OffsetOutOfRange = 1,

    /// <summary>CORRUPT_MESSAGE (CorruptRecordException).</summary>
    CorruptMessage = 2,

    /// <summary>UNKNOWN_TOPIC_OR_PARTITION (UnknownTopicOrPartitionException).</summary>
    UnknownTopicOrPartition = 3,

    /// <summary>INVALID_FETCH_SIZE (InvalidFetchSizeException).</summary>
    InvalidFetchSize = 4,

    /// <summary>LEADER_NOT_AVAILABLE (LeaderNotAvailableException).</summary>
    LeaderNotAvailable = 5,

    /// <summary>NOT_LEADER_OR_FOLLOWER (NotLeaderOrFollowerException).</summary>
    NotLeaderOrFollower = 6,

    /// <summary>REQUEST_TIMED_OUT (TimeoutException).</summary>
    RequestTimedOut = 7,

    /// <summary>BROKER_NOT_AVAILABLE (BrokerNotAvailableException).</summary>
    BrokerNotAvailable = 8,

    /// <summary>REPLICA_NOT_AVAILABLE (ReplicaNotAvailableException).</summary>
    ReplicaNotAvailable = 9,

    /// <summary>MESSAGE_TOO_LARGE (RecordTooLargeException).</summary>
    MessageTooLarge = 10,

    /// <summary>STALE_CONTROLLER_EPOCH (ControllerMovedException).</summary>
    StaleControllerEpoch = 11,

    /// <summary>OFFSET_METADATA_TOO_LARGE (OffsetMetadataTooLarge).</summary>
    OffsetMetadataTooLarge = 12,

    /// <summary>NETWORK_EXCEPTION (NetworkException).</summary>
    NetworkException = 13,

    /// <summary>COORDINATOR_LOAD_IN_PROGRESS (CoordinatorLoadInProgressException).</summary>
    CoordinatorLoadInProgress = 14,

    /// <summary>COORDINATOR_NOT_AVAILABLE (CoordinatorNotAvailableException).</summary>
    CoordinatorNotAvailable = 15,

    /// <summary>NOT_COORDINATOR (NotCoordinatorException).</summary>
    NotCoordinator = 16,

    /// <summary>INVALID_TOPIC_EXCEPTION (InvalidTopicException).</summary>
    InvalidTopicException = 17,

    /// <summary>RECORD_LIST_TOO_LARGE (RecordBatchTooLargeException).</summary>
    RecordListTooLarge = 18,

    /// <summary>NOT_ENOUGH_REPLICAS (NotEnoughReplicasException).</summary>
    NotEnoughReplicas = 19,

    /// <summary>NOT_ENOUGH_REPLICAS_AFTER_APPEND (NotEnoughReplicasAfterAppendException).</summary>
    NotEnoughReplicasAfterAppend = 20,

    /// <summary>INVALID_REQUIRED_ACKS (InvalidRequiredAcksException).</summary>
    InvalidRequiredAcks = 21,

    /// <summary>ILLEGAL_GENERATION (IllegalGenerationException).</summary>
    IllegalGeneration = 22,

    /// <summary>INCONSISTENT_GROUP_PROTOCOL (InconsistentGroupProtocolException).</summary>
    InconsistentGroupProtocol = 23,

    /// <summary>INVALID_GROUP_ID (InvalidGroupIdException).</summary>
    InvalidGroupId = 24,

    /// <summary>UNKNOWN_MEMBER_ID (UnknownMemberIdException).</summary>
    UnknownMemberId = 25,

    /// <summary>INVALID_SESSION_TIMEOUT (InvalidSessionTimeoutException).</summary>
    InvalidSessionTimeout = 26,

    /// <summary>REBALANCE_IN_PROGRESS (RebalanceInProgressException).</summary>
    RebalanceInProgress = 27,

    /// <summary>INVALID_COMMIT_OFFSET_SIZE (InvalidCommitOffsetSizeException).</summary>
    InvalidCommitOffsetSize = 28,

    /// <summary>TOPIC_AUTHORIZATION_FAILED (TopicAuthorizationException).</summary>
    TopicAuthorizationFailed = 29,

    /// <summary>GROUP_AUTHORIZATION_FAILED (GroupAuthorizationException).</summary>
    GroupAuthorizationFailed = 30,

    /// <summary>CLUSTER_AUTHORIZATION_FAILED (ClusterAuthorizationException).</summary>
    ClusterAuthorizationFailed = 31,

    /// <summary>INVALID_TIMESTAMP (InvalidTimestampException).</summary>
    InvalidTimestamp = 32,

    /// <summary>UNSUPPORTED_SASL_MECHANISM (UnsupportedSaslMechanismException).</summary>
    UnsupportedSaslMechanism = 33,

    /// <summary>ILLEGAL_SASL_STATE (IllegalSaslStateException).</summary>
    IllegalSaslState = 34,

    /// <summary>UNSUPPORTED_VERSION (UnsupportedVersionException).</summary>
    UnsupportedVersion = 35,

    /// <summary>TOPIC_ALREADY_EXISTS (TopicExistsException).</summary>
    TopicAlreadyExists = 36,

    /// <summary>INVALID_PARTITIONS (InvalidPartitionsException).</summary>
    InvalidPartitions = 37,

    /// <summary>INVALID_REPLICATION_FACTOR (InvalidReplicationFactorException).</summary>
    InvalidReplicationFactor = 38,

    /// <summary>INVALID_REPLICA_ASSIGNMENT (InvalidReplicaAssignmentException).</summary>
    InvalidReplicaAssignment = 39,

    /// <summary>INVALID_CONFIG (InvalidConfigurationException).</summary>
    InvalidConfig = 40,

    /// <summary>NOT_CONTROLLER (NotControllerException).</summary>
    NotController = 41,

    /// <summary>INVALID_REQUEST (InvalidRequestException).</summary>
    InvalidRequest = 42,

    /// <summary>UNSUPPORTED_FOR_MESSAGE_FORMAT (UnsupportedForMessageFormatException).</summary>
    UnsupportedForMessageFormat = 43,

    /// <summary>POLICY_VIOLATION (PolicyViolationException).</summary>
    PolicyViolation = 44,

    /// <summary>OUT_OF_ORDER_SEQUENCE_NUMBER (OutOfOrderSequenceException).</summary>
    OutOfOrderSequenceNumber = 45,

    /// <summary>DUPLICATE_SEQUENCE_NUMBER (DuplicateSequenceException).</summary>
    DuplicateSequenceNumber = 46,

    /// <summary>INVALID_PRODUCER_EPOCH (InvalidProducerEpochException).</summary>
    InvalidProducerEpoch = 47,

    /// <summary>INVALID_TXN_STATE (InvalidTxnStateException).</summary>
    InvalidTxnState = 48,

    /// <summary>INVALID_PRODUCER_ID_MAPPING (InvalidPidMappingException).</summary>
    InvalidProducerIdMapping = 49,

    /// <summary>INVALID_TRANSACTION_TIMEOUT (InvalidTxnTimeoutException).</summary>
    InvalidTransactionTimeout = 50,

    /// <summary>CONCURRENT_TRANSACTIONS (ConcurrentTransactionsException).</summary>
    ConcurrentTransactions = 51,

    /// <summary>TRANSACTION_COORDINATOR_FENCED (TransactionCoordinatorFencedException).</summary>
    TransactionCoordinatorFenced = 52,

    /// <summary>TRANSACTIONAL_ID_AUTHORIZATION_FAILED (TransactionalIdAuthorizationException).</summary>
    TransactionalIdAuthorizationFailed = 53,

    /// <summary>SECURITY_DISABLED (SecurityDisabledException).</summary>
    SecurityDisabled = 54,

    /// <summary>OPERATION_NOT_ATTEMPTED (OperationNotAttemptedException).</summary>
    OperationNotAttempted = 55,

    /// <summary>KAFKA_STORAGE_ERROR (KafkaStorageException).</summary>
    KafkaStorageError = 56,

    /// <summary>LOG_DIR_NOT_FOUND (LogDirNotFoundException).</summary>
    LogDirNotFound = 57,

    /// <summary>SASL_AUTHENTICATION_FAILED (SaslAuthenticationException).</summary>
    SaslAuthenticationFailed = 58,

    /// <summary>UNKNOWN_PRODUCER_ID (UnknownProducerIdException).</summary>
    UnknownProducerId = 59,

    /// <summary>REASSIGNMENT_IN_PROGRESS (ReassignmentInProgressException).</summary>
    ReassignmentInProgress = 60,

    /// <summary>DELEGATION_TOKEN_AUTH_DISABLED (DelegationTokenDisabledException).</summary>
    DelegationTokenAuthDisabled = 61,

    /// <summary>DELEGATION_TOKEN_NOT_FOUND (DelegationTokenNotFoundException).</summary>
    DelegationTokenNotFound = 62,

    /// <summary>DELEGATION_TOKEN_OWNER_MISMATCH (DelegationTokenOwnerMismatchException).</summary>
    DelegationTokenOwnerMismatch = 63,

    /// <summary>DELEGATION_TOKEN_REQUEST_NOT_ALLOWED (UnsupportedByAuthenticationException).</summary>
    DelegationTokenRequestNotAllowed = 64,

    /// <summary>DELEGATION_TOKEN_AUTHORIZATION_FAILED (DelegationTokenAuthorizationException).</summary>
    DelegationTokenAuthorizationFailed = 65,

    /// <summary>DELEGATION_TOKEN_EXPIRED (DelegationTokenExpiredException).</summary>
    DelegationTokenExpired = 66,

    /// <summary>INVALID_PRINCIPAL_TYPE (InvalidPrincipalTypeException).</summary>
    InvalidPrincipalType = 67,

    /// <summary>NON_EMPTY_GROUP (GroupNotEmptyException).</summary>
    NonEmptyGroup = 68,

    /// <summary>GROUP_ID_NOT_FOUND (GroupIdNotFoundException).</summary>
    GroupIdNotFound = 69,

    /// <summary>FETCH_SESSION_ID_NOT_FOUND (FetchSessionIdNotFoundException).</summary>
    FetchSessionIdNotFound = 70,

    /// <summary>INVALID_FETCH_SESSION_EPOCH (InvalidFetchSessionEpochException).</summary>
    InvalidFetchSessionEpoch = 71,

    /// <summary>LISTENER_NOT_FOUND (ListenerNotFoundException).</summary>
    ListenerNotFound = 72,

    /// <summary>TOPIC_DELETION_DISABLED (TopicDeletionDisabledException).</summary>
    TopicDeletionDisabled = 73,

    /// <summary>FENCED_LEADER_EPOCH (FencedLeaderEpochException).</summary>
    FencedLeaderEpoch = 74,

    /// <summary>UNKNOWN_LEADER_EPOCH (UnknownLeaderEpochException).</summary>
    UnknownLeaderEpoch = 75,

    /// <summary>UNSUPPORTED_COMPRESSION_TYPE (UnsupportedCompressionTypeException).</summary>
    UnsupportedCompressionType = 76,

    /// <summary>STALE_BROKER_EPOCH (StaleBrokerEpochException).</summary>
    StaleBrokerEpoch = 77,

    /// <summary>OFFSET_NOT_AVAILABLE (OffsetNotAvailableException).</summary>
    OffsetNotAvailable = 78,

    /// <summary>MEMBER_ID_REQUIRED (MemberIdRequiredException).</summary>
    MemberIdRequired = 79,

    /// <summary>PREFERRED_LEADER_NOT_AVAILABLE (PreferredLeaderNotAvailableException).</summary>
    PreferredLeaderNotAvailable = 80,

    /// <summary>GROUP_MAX_SIZE_REACHED (GroupMaxSizeReachedException).</summary>
    GroupMaxSizeReached = 81,

    /// <summary>FENCED_INSTANCE_ID (FencedInstanceIdException).</summary>
    FencedInstanceId = 82,

    /// <summary>ELIGIBLE_LEADERS_NOT_AVAILABLE (EligibleLeadersNotAvailableException).</summary>
    EligibleLeadersNotAvailable = 83,

    /// <summary>ELECTION_NOT_NEEDED (ElectionNotNeededException).</summary>
    ElectionNotNeeded = 84,

    /// <summary>NO_REASSIGNMENT_IN_PROGRESS (NoReassignmentInProgressException).</summary>
    NoReassignmentInProgress = 85,

    /// <summary>GROUP_SUBSCRIBED_TO_TOPIC (GroupSubscribedToTopicException).</summary>
    GroupSubscribedToTopic = 86,

    /// <summary>INVALID_RECORD (InvalidRecordException).</summary>
    InvalidRecord = 87,

    /// <summary>UNSTABLE_OFFSET_COMMIT (UnstableOffsetCommitException).</summary>
    UnstableOffsetCommit = 88,

    /// <summary>THROTTLING_QUOTA_EXCEEDED (ThrottlingQuotaExceededException).</summary>
    ThrottlingQuotaExceeded = 89,

    /// <summary>PRODUCER_FENCED (ProducerFencedException).</summary>
    ProducerFenced = 90,

    /// <summary>RESOURCE_NOT_FOUND (ResourceNotFoundException).</summary>
    ResourceNotFound = 91,

    /// <summary>DUPLICATE_RESOURCE (DuplicateResourceException).</summary>
    DuplicateResource = 92,

    /// <summary>UNACCEPTABLE_CREDENTIAL (UnacceptableCredentialException).</summary>
    UnacceptableCredential = 93,

    /// <summary>INCONSISTENT_VOTER_SET (InconsistentVoterSetException).</summary>
    InconsistentVoterSet = 94,

    /// <summary>INVALID_UPDATE_VERSION (InvalidUpdateVersionException).</summary>
    InvalidUpdateVersion = 95,

    /// <summary>FEATURE_UPDATE_FAILED (FeatureUpdateFailedException).</summary>
    FeatureUpdateFailed = 96,

    /// <summary>PRINCIPAL_DESERIALIZATION_FAILURE (PrincipalDeserializationException).</summary>
    PrincipalDeserializationFailure = 97,

    /// <summary>SNAPSHOT_NOT_FOUND (SnapshotNotFoundException).</summary>
    SnapshotNotFound = 98,

    /// <summary>UNKNOWN_TOPIC_ID (UnknownTopicIdException).</summary>
    UnknownTopicId = 100,

    /// <summary>DUPLICATE_BROKER_REGISTRATION (DuplicateBrokerRegistrationException).</summary>
    DuplicateBrokerRegistration = 101,

    /// <summary>BROKER_ID_NOT_REGISTERED (BrokerIdNotRegisteredException).</summary>
    BrokerIdNotRegistered = 102,

    /// <summary>INCONSISTENT_TOPIC_ID (InconsistentTopicIdException).</summary>
    InconsistentTopicId = 103,

    /// <summary>INCONSISTENT_CLUSTER_ID (InconsistentClusterIdException).</summary>
    InconsistentClusterId = 104,

    /// <summary>TRANSACTIONAL_ID_NOT_FOUND (TransactionalIdNotFoundException).</summary>
    TransactionalIdNotFound = 105,

    /// <summary>FETCH_SESSION_TOPIC_ID_ERROR (FetchSessionTopicIdException).</summary>
    FetchSessionTopicIdError = 106,

    /// <summary>INELIGIBLE_REPLICA (IneligibleReplicaException).</summary>
    IneligibleReplica = 107,

    /// <summary>NEW_LEADER_ELECTED (NewLeaderElectedException).</summary>
    NewLeaderElected = 108,

    /// <summary>OFFSET_MOVED_TO_TIERED_STORAGE (OffsetMovedToTieredStorageException).</summary>
    OffsetMovedToTieredStorage = 109,

    /// <summary>FENCED_MEMBER_EPOCH (FencedMemberEpochException).</summary>
    FencedMemberEpoch = 110,

    /// <summary>UNRELEASED_INSTANCE_ID (UnreleasedInstanceIdException).</summary>
    UnreleasedInstanceId = 111,

    /// <summary>UNSUPPORTED_ASSIGNOR (UnsupportedAssignorException).</summary>
    UnsupportedAssignor = 112,

    /// <summary>STALE_MEMBER_EPOCH (StaleMemberEpochException).</summary>
    StaleMemberEpoch = 113,

    /// <summary>MISMATCHED_ENDPOINT_TYPE (MismatchedEndpointTypeException).</summary>
    MismatchedEndpointType = 114,

    /// <summary>UNSUPPORTED_ENDPOINT_TYPE (UnsupportedEndpointTypeException).</summary>
    UnsupportedEndpointType = 115,

    /// <summary>UNKNOWN_CONTROLLER_ID (UnknownControllerIdException).</summary>
    UnknownControllerId = 116,

    /// <summary>UNKNOWN_SUBSCRIPTION_ID (UnknownSubscriptionIdException).</summary>
    UnknownSubscriptionId = 117,

    /// <summary>TELEMETRY_TOO_LARGE (TelemetryTooLargeException).</summary>
    TelemetryTooLarge = 118,

    /// <summary>INVALID_REGISTRATION (InvalidRegistrationException).</summary>
    InvalidRegistration = 119,

    /// <summary>TRANSACTION_ABORTABLE (TransactionAbortableException).</summary>
    TransactionAbortable = 120,
}
