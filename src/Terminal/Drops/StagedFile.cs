using System.Security.Cryptography;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// One file being staged: its size so far and the SHA-256 of those bytes, fed as slices arrive (slices only ever
/// append, so the hash never needs the file again). A slice that fails half-way is cut off the file, and the
/// running hash, which cannot un-see bytes, is dropped: the commit then hashes the file from disk.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private IncrementalHash? _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Size { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes) => _hash?.AppendData(bytes);

    public void Grow(long bytes) => Size += bytes;

    public void ForgetHash()
    {
        _hash?.Dispose();
        _hash = null;
    }

    /// <summary>The SHA-256 of the staged bytes, from the running hash or else read back from <paramref name="path"/>.</summary>
    public async Task<byte[]> Sha256Async(string path, CancellationToken ct)
    {
        if (_hash is not null) return _hash.GetCurrentHash();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await SHA256.HashDataAsync(file, ct);
    }

    public void Dispose() => ForgetHash();
}
