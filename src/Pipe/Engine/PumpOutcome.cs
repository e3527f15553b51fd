namespace HoodyKit.Pipe.Engine;

/// <summary>How a transfer's pump ended.</summary>
internal enum PumpOutcome
{
    /// <summary>The sender's body ended and every live receiver got all of it.</summary>
    Completed,

    /// <summary>The sender's body failed (abort, reset, idle timeout): every receiver was aborted.</summary>
    SenderFailed,

    /// <summary>Every receiver went away before the body ended.</summary>
    ReceiversGone,
}
