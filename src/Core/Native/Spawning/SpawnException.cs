namespace HoodyKit.Core.Native.Spawning;

/// <summary>A child process could not be started (the message says why, e.g. "cannot start 'x': No such file or directory").</summary>
public sealed class SpawnException : IOException
{
    public SpawnException()
        : base("The process could not be started")
    {
    }

    public SpawnException(string message)
        : base(message)
    {
    }

    public SpawnException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
