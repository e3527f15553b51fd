namespace HoodyKit.Pipe.Engine;

/// <summary>
/// The answer to a join: an error, or accepted into pipe of <paramref name="N"/> receivers. <paramref name="Transfer"/>
/// is set when this join completed the rendezvous; <paramref name="ReceiversWaiting"/> counts receivers already there.
/// </summary>
internal readonly record struct JoinResult(JoinError Error, int N, int ReceiversWaiting, PipeTransfer? Transfer)
{
    public static JoinResult Failed(JoinError error, int n = 0) => new(error, n, 0, null);
}
