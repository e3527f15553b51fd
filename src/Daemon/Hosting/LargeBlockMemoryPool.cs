using System.Buffers;
using System.Collections.Concurrent;

namespace HoodyKit.Daemon.Hosting;

/// <summary>
/// Kestrel's buffers in 64 KiB pinned blocks rather than its default 4 KiB ones. A socket receive fills at most one
/// block, so streams (pipe transfers above all) need 16× fewer receive calls and pipe segments: 1→1 went from
/// ~1.0 to ~1.4 GB/s and 1→3 from ~0.55 to ~0.9 GB/s per receiver on the 2-core VM (docs/decisions.md, bench/RESULTS.md).
/// At most <see cref="MaxRetainedBlocks"/> free blocks are kept; the rest go back to the GC, so a burst of
/// transfers does not stay resident.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    /// <summary>Free blocks kept for reuse (4 MiB).</summary>
    public const int MaxRetainedBlocks = 64;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
            return block;
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        _free.Clear();
        _freeCount = 0;
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _freeCount) <= MaxRetainedBlocks) _free.Enqueue(block);
        else Interlocked.Decrement(ref _freeCount); // dropped: the GC takes it
    }

    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public Memory<byte> Memory => _array;

        public void Dispose() => pool.Return(this);
    }
}
