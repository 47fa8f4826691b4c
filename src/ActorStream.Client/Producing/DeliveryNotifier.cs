using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Producing;

/// <summary>
/// Completes the tasks of ProduceAsync and calls the delivery handlers of Produce for one
/// producer. A handler that throws is logged and does not disturb the sender. Used by the sender
/// loop only.
/// </summary>
internal sealed partial class DeliveryNotifier<TKey, TValue>(ILogger logger) : IDeliveryNotifier
{
    [ThreadStatic]
    private static bool s_inHandler;

    /// <summary>True on a thread that is running a delivery handler (where a blocking flush would deadlock).</summary>
    public static bool InHandler => s_inHandler;

    public void Delivered(in RecordCompletion record, string topic, int partition, long offset, long timestamp, TimestampType timestampType, PersistenceStatus status)
    {
        var message = (Message<TKey, TValue>)record.Message;
        switch (record.Callback)
        {
            case TaskCompletionSource<DeliveryResult<TKey, TValue>> completion:
                completion.TrySetResult(new DeliveryResult<TKey, TValue>
                {
                    Topic = topic,
                    Partition = partition,
                    Offset = offset >= 0 ? offset : Offset.Unset,
                    Status = status,
                    Message = AsWritten(message, timestamp, timestampType),
                });
                break;
            case Action<DeliveryReport<TKey, TValue>> handler:
                Invoke(handler, new DeliveryReport<TKey, TValue>
                {
                    Topic = topic,
                    Partition = partition,
                    Offset = offset >= 0 ? offset : Offset.Unset,
                    Status = status,
                    Message = AsWritten(message, timestamp, timestampType),
                });
                break;
        }
    }

    public void Failed(in RecordCompletion record, string topic, int partition, KafkaError error, PersistenceStatus status)
    {
        var message = (Message<TKey, TValue>)record.Message;
        switch (record.Callback)
        {
            case TaskCompletionSource<DeliveryResult<TKey, TValue>> completion:
                completion.TrySetException(new ProduceException<TKey, TValue>(error, new DeliveryResult<TKey, TValue>
                {
                    Topic = topic,
                    Partition = partition,
                    Status = status,
                    Message = message,
                }));
                break;
            case Action<DeliveryReport<TKey, TValue>> handler:
                Invoke(handler, new DeliveryReport<TKey, TValue>
                {
                    Topic = topic,
                    Partition = partition,
                    Status = status,
                    Message = message,
                    Error = error,
                });
                break;
        }
    }

    /// <summary>The message with the timestamp the log holds (the caller's object when it already says so).</summary>
    private static Message<TKey, TValue> AsWritten(Message<TKey, TValue> message, long timestamp, TimestampType type) =>
        message.Timestamp.Type == type && message.Timestamp.UnixTimestampMs == timestamp
            ? message
            : new Message<TKey, TValue>
            {
                Key = message.Key,
                Value = message.Value,
                Headers = message.Headers,
                Timestamp = new Timestamp(timestamp, type),
            };

    private void Invoke(Action<DeliveryReport<TKey, TValue>> handler, DeliveryReport<TKey, TValue> report)
    {
        s_inHandler = true;
        try
        {
            handler(report);
        }
        catch (Exception e)
        {
            Log.HandlerFailed(logger, report.Topic, report.Partition.Value, e);
        }
        finally
        {
            s_inHandler = false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6120, Level = LogLevel.Error, Message = "A delivery handler for {Topic} [{Partition}] threw")]
        public static partial void HandlerFailed(ILogger logger, string topic, int partition, Exception exception);
    }
}
