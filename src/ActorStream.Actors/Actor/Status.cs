namespace ActorStream.Actor;

/// <summary>Outcome messages, as sent by <c>PipeTo</c> and understood by <c>Ask</c>.</summary>
public abstract class Status
{
    private Status()
    {
    }

    /// <summary>A successful outcome carrying a value.</summary>
    public sealed class Success : Status
    {
        public static readonly Success Instance = new(null);

        public Success(object? status) => Status = status;

        public object? Status { get; }

        public override string ToString() => $"Success: {Status}";
    }

    /// <summary>A failed outcome; an Ask that receives it faults with <see cref="Cause"/>.</summary>
    public sealed class Failure : Status
    {
        public Failure(Exception cause) => Cause = cause;

        public Failure(Exception cause, object? state)
        {
            Cause = cause;
            State = state;
        }

        public Exception Cause { get; }

        public object? State { get; }

        public override string ToString() => $"Failure: {Cause}";
    }
}
