using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace HoodyKit.Daemon.Hosting;

/// <summary>Gives Kestrel (which asks DI for its pools) a <see cref="LargeBlockMemoryPool"/> per transport.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
