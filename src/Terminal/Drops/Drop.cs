namespace HoodyKit.Terminal.Drops;

/// <summary>
/// One drag-and-drop transaction of a terminal: its folder, its token (kept as a hash), the files staged so far, and
/// once committed the sealed state (the frame, kept so that a repeated commit can send it again). Uploads and the
/// commit of one drop take <see cref="Gate"/> in turn.
/// </summary>
internal sealed class Drop(string id, int terminalId, byte[] tokenHash, string root, uint groupId, DateTimeOffset createdAt)
{
    public const string FilesFolder = "files";
    public const string ManifestFile = "manifest.json";
    private bool _removed;

    public string Id { get; } = id;

    public int TerminalId { get; } = terminalId;

    public byte[] TokenHash { get; } = tokenHash;

    /// <summary>The drop's folder: <c>manifest.json</c> and <c>files/</c>.</summary>
    public string Root { get; } = root;

    public string FilesDir => Path.Combine(Root, FilesFolder);

    /// <summary>The session user's group: a sealed drop is readable by it.</summary>
    public uint GroupId { get; } = groupId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Staged files by relative path (under <see cref="Gate"/>).</summary>
    public Dictionary<string, StagedFile> Files { get; } = new(StringComparer.Ordinal);

    public long TotalBytes { get; set; }

    public DateTimeOffset LastActivity { get; set; } = createdAt;

    public DropCommit? Commit { get; private set; }

    public bool IsSealed => Commit is not null;

    /// <summary>Busy: an upload or the commit holds the gate (never expired under its feet).</summary>
    public bool IsBusy => Gate.CurrentCount == 0;

    /// <summary>Forgotten by the store (expired): an upload or commit that was waiting for the gate finds it gone.</summary>
    public bool IsRemoved => Volatile.Read(ref _removed);

    public void Seal(DropCommit commit) => Commit = commit;

    /// <summary>Marks the drop removed and lets go of its running hashes; the gate (no wait handle) needs no disposal.</summary>
    public void MarkRemoved()
    {
        Volatile.Write(ref _removed, true);
        if (!Gate.Wait(0)) return; // an upload or commit holds it: that one sees IsRemoved, the hashes go with the GC
        try
        {
            foreach (var file in Files.Values) file.Dispose();
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>A sealed drop: the frame written into the terminal and what the commit answered.</summary>
internal sealed record DropCommit(byte[] Frame, string ManifestSha256, int Items, long Bytes, string Ctx, DateTimeOffset SealedAt);
