using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Producing;

/// <summary>The outcome of one produce request, handed from its continuation to the sender loop.</summary>
/// <param name="NodeId">The broker the request went to.</param>
/// <param name="Sequence">Send order of the request on that broker; results are processed in this order.</param>
/// <param name="Batches">The batches the request carried (one per partition).</param>
/// <param name="Response">The response, or null on error or for acks=0.</param>
/// <param name="Error">Why no response arrived, or null.</param>
internal sealed record SendResult(int NodeId, long Sequence, List<ProducerBatch> Batches, ProduceResponse? Response, KafkaError? Error);
