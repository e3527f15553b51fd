namespace HoodyKit.Pipe.Engine;

/// <summary>Why a party could not join a pipe (the endpoint maps each to its status and message).</summary>
internal enum JoinError
{
    None,
    ActiveTransfer,
    DuplicateSender,
    ReceiverSlotsFull,
    NMismatch,
    TooManyPending,
    TooManyActive,
}
