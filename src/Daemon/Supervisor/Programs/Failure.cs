namespace HoodyKit.Daemon.Supervisor.Programs;

internal enum FailureKind
{
    BadRequest,
    NotFound,
    Conflict,
    Timeout,
    Internal,
}

/// <summary>Why a daemon operation did not happen, in the reference's words; the endpoint picks the status code.</summary>
internal sealed record Failure(FailureKind Kind, string Message)
{
    public static Failure BadRequest(string message) => new(FailureKind.BadRequest, message);

    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);

    public static Failure ProgramNotFound(int id) => new(FailureKind.NotFound, $"Program with ID {id} not found");
}

/// <summary>A value or a <see cref="Failure"/>.</summary>
internal readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
