namespace HoodyKit.Pipe.Engine;

/// <summary>
/// Where a receiver's copy of the stream goes (an HTTP response in the host, a pipe in tests). Every member is
/// guarded by the implementation: a failing receiver reports <see cref="IsGone"/>, it never throws.
/// </summary>
internal interface IReceiverSink
{
    /// <summary>The receiver disconnected or failed; the transfer stops writing to it.</summary>
    bool IsGone { get; }

    /// <summary>Sends the status and headers for this transfer; false when the receiver is gone.</summary>
    ValueTask<bool> StartAsync(TransferHeaders headers);

    /// <summary>Copies bytes into the receiver's buffer (no I/O wait).</summary>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Pushes what was written; waits while the receiver is slow. False when the receiver is gone.</summary>
    ValueTask<bool> FlushAsync();

    /// <summary>Ends the body cleanly (the whole stream was delivered).</summary>
    ValueTask CompleteAsync();

    /// <summary>Cuts the connection, so the receiver never mistakes a truncated stream for a whole one.</summary>
    void Abort();
}
