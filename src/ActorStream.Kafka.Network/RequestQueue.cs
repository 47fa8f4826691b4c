namespace ActorStream.Kafka.Network;

/// <summary>
/// The ordered, bounded ring of one connection's in-flight requests: the read loop (single producer) reserves
/// and publishes slots in request order, the write loop (single consumer) awaits each slot's response in that
/// same order, writes it and releases the slot. A slot stays taken until its response is written, so
/// <see cref="Capacity"/> bounds the requests read but not yet answered.
/// </summary>
/// <remarks>
/// Thread-safety: one producer thread and one consumer thread at a time; <see cref="TryDetach"/> and
/// <see cref="Count"/> from any thread. State changes happen under <c>_lock</c>; waiters are woken outside it.
/// </remarks>
internal sealed class RequestQueue
{
    private readonly Slot[] _slots;
    private readonly Lock _lock = new();
    private readonly AsyncSignal _itemSignal = new();
    private readonly AsyncSignal _spaceSignal = new();
    private long _head;
    private long _tail;
    private bool _addingCompleted;
    private bool _producerClosed;
    private bool _consumerWaiting;
    private bool _producerWaiting;
    private bool _reserved;

    public RequestQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new Slot[capacity];
    }

    public int Capacity => _slots.Length;

    /// <summary>Requests reserved or published and not yet released.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return (int)(_tail - _head) + (_reserved ? 1 : 0);
            }
        }
    }

    /// <summary>Producer: whether a slot is free (a hint; <see cref="Reserve"/> requires it).</summary>
    public bool HasSpace
    {
        get
        {
            lock (_lock)
            {
                return _tail - _head < _slots.Length;
            }
        }
    }

    /// <summary>Producer: completes with <c>true</c> once a slot is free, or <c>false</c> once the producer is closed.</summary>
    public ValueTask<bool> WaitForSpaceAsync()
    {
        lock (_lock)
        {
            if (_producerClosed)
            {
                return new ValueTask<bool>(false);
            }

            if (_tail - _head < _slots.Length)
            {
                return new ValueTask<bool>(true);
            }

            _producerWaiting = true;
            return _spaceSignal.WaitAsync();
        }
    }

    /// <summary>Producer: takes the next slot for a frame; <see cref="HasSpace"/> must be true.</summary>
    public int Reserve(byte[] buffer, long sequence, short apiKey, short apiVersion, int correlationId)
    {
        lock (_lock)
        {
            if (_tail - _head >= _slots.Length || _reserved)
            {
                throw new InvalidOperationException("No free request slot.");
            }

            var index = (int)(_tail % _slots.Length);
            ref var slot = ref _slots[index];
            slot.Buffer = buffer;
            slot.Sequence = sequence;
            slot.ApiKey = apiKey;
            slot.ApiVersion = apiVersion;
            slot.CorrelationId = correlationId;
            _reserved = true;
            return index;
        }
    }

    /// <summary>Producer: hands the reserved slot's response to the consumer.</summary>
    public void Publish(int index, ValueTask<KafkaResponse> response)
    {
        bool wake;
        lock (_lock)
        {
            _slots[index].Response = response;
            _reserved = false;
            _tail++;
            wake = _consumerWaiting;
            _consumerWaiting = false;
        }

        if (wake)
        {
            _itemSignal.Set(true);
        }
    }

    /// <summary>Producer: no more requests; the consumer ends once the published ones are drained.</summary>
    public void CompleteAdding()
    {
        bool wake;
        lock (_lock)
        {
            _addingCompleted = true;
            wake = _consumerWaiting;
            _consumerWaiting = false;
        }

        if (wake)
        {
            _itemSignal.Set(false);
        }
    }

    /// <summary>Any thread: wakes a producer waiting for space with <c>false</c> and fails later waits.</summary>
    public void CloseProducer()
    {
        bool wake;
        lock (_lock)
        {
            _producerClosed = true;
            wake = _producerWaiting;
            _producerWaiting = false;
        }

        if (wake)
        {
            _spaceSignal.Set(false);
        }
    }

    /// <summary>Consumer: the oldest published slot, if any.</summary>
    public bool TryPeek(out int index)
    {
        lock (_lock)
        {
            if (_head < _tail)
            {
                index = (int)(_head % _slots.Length);
                return true;
            }

            index = -1;
            return false;
        }
    }

    /// <summary>Consumer: completes with <c>true</c> once a slot is published, <c>false</c> once adding completed and all are drained.</summary>
    public ValueTask<bool> WaitForItemAsync()
    {
        lock (_lock)
        {
            if (_head < _tail)
            {
                return new ValueTask<bool>(true);
            }

            if (_addingCompleted)
            {
                return new ValueTask<bool>(false);
            }

            _consumerWaiting = true;
            return _itemSignal.WaitAsync();
        }
    }

    /// <summary>Consumer: the response of a peeked slot (await it exactly once).</summary>
    public ValueTask<KafkaResponse> GetResponseAsync(int index)
    {
        lock (_lock)
        {
            return _slots[index].Response;
        }
    }

    /// <summary>Consumer: the header fields of a peeked slot, for logs.</summary>
    public (short ApiKey, short ApiVersion, int CorrelationId) GetHeader(int index)
    {
        lock (_lock)
        {
            ref var slot = ref _slots[index];
            return (slot.ApiKey, slot.ApiVersion, slot.CorrelationId);
        }
    }

    /// <summary>
    /// Consumer: frees the oldest slot and returns its frame buffer unless the handler detached it; the caller
    /// returns that buffer to the pool.
    /// </summary>
    public byte[]? Release(int index)
    {
        byte[]? buffer;
        bool wake;
        lock (_lock)
        {
            ref var slot = ref _slots[index];
            buffer = slot.Buffer;
            slot = default;
            _head++;
            wake = _producerWaiting;
            _producerWaiting = false;
        }

        if (wake)
        {
            _spaceSignal.Set(true);
        }

        return buffer;
    }

    /// <summary>Any thread: gives up the listener's claim on a slot's buffer if the slot still holds that request.</summary>
    public bool TryDetach(int index, long sequence, byte[] buffer)
    {
        lock (_lock)
        {
            ref var slot = ref _slots[index];
            if (slot.Sequence != sequence || !ReferenceEquals(slot.Buffer, buffer))
            {
                return false;
            }

            slot.Buffer = null;
            return true;
        }
    }

    private struct Slot
    {
        public byte[]? Buffer;
        public long Sequence;
        public ValueTask<KafkaResponse> Response;
        public short ApiKey;
        public short ApiVersion;
        public int CorrelationId;
    }
}
