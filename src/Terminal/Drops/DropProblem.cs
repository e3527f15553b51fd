namespace HoodyKit.Terminal.Drops;

/// <summary>Why a drop operation did not happen; the endpoints choose the status code.</summary>
internal enum DropProblem
{
    /// <summary>No staging folder (disabled, or not safe to use).</summary>
    Unavailable,

    /// <summary>Unknown or expired drop, another terminal's drop, or a missing or wrong token (one answer for all, no oracle).</summary>
    NotFound,

    Sealed,
    OffsetMismatch,
    InvalidPath,
    PathConflict,
    TooLarge,
    TooManyItems,
    TooManyDrops,
    InvalidManifest,
    ManifestMismatch,

    /// <summary>The terminal's process has exited: the frame could not be written.</summary>
    NoProcess,
}

/// <summary>A failed drop operation: the problem, a sentence for the caller, and the staged size for <see cref="DropProblem.OffsetMismatch"/>.</summary>
internal sealed record DropFailure(DropProblem Problem, string Message, long? CurrentSize = null);

/// <summary>The value of a drop operation, or its failure.</summary>
internal readonly record struct DropResult<T>(T? Value, DropFailure? Failure)
{
    public static implicit operator DropResult<T>(DropFailure failure) => new(default, failure);

    public static DropResult<T> Ok(T value) => new(value, null);
}
