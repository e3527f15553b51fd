using System.Security.Cryptography;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// <c>/drop-commit</c>'s engine: checks the manifest draft against the staged files (each file staged with exactly
/// <c>s</c> bytes, or <c>s:0</c> and created now; its SHA-256 equal to <c>h</c> when given; nothing staged that the
/// manifest leaves out; <c>d:1</c> folders created), writes the canonical <c>manifest.json</c>, shares the drop with
/// the session's group, seals it and writes the OSC 8472 frame into the terminal. A second commit of a sealed drop
/// writes the same frame again (the reference's retry rescue).
/// </summary>
internal sealed class DropCommitter(TimeProvider time)
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Commits <paramref name="drop"/> (the draft may be null only for a drop already sealed); <paramref name="inject"/> writes the frame to the terminal (false: its process is gone).</summary>
    public async Task<DropResult<CommitResult>> CommitAsync(Drop drop, ManifestDraft? draft, Func<byte[], bool> inject, CancellationToken ct)
    {
        await drop.Gate.WaitAsync(ct);
        try
        {
            if (drop.IsRemoved) return new DropFailure(DropProblem.NotFound, "Unknown drop or wrong token");
            if (drop.Commit is { } earlier) return Inject(drop, earlier, inject, duplicate: true);
            if (draft is null) return new DropFailure(DropProblem.InvalidManifest, "a manifest {ctx, items} is required");

            var verified = await VerifyAsync(drop, draft, ct);
            if (verified.Failure is { } failure) return failure;
            await MaterializeAsync(drop, verified.Value!, ct);
            var committedAt = time.GetUtcNow();
            var manifest = ManifestWriter.Write(drop, draft, verified.Value!, committedAt);
            await WriteManifestAsync(drop, manifest, ct);
            DropOwnership.ShareWithGroup(drop.Root, drop.GroupId);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(manifest));
            var frame = DropFrame.Build(drop.Id, draft.Ctx, drop.Root, sha256, draft.Row, draft.Column, draft.ClipRead);
            var commit = new DropCommit(frame, sha256, draft.Items.Count, verified.Value!.Sum(v => v.Item.Size), draft.Ctx, committedAt);
            drop.Seal(commit);
            return Inject(drop, commit, inject, duplicate: false);
        }
        finally
        {
            drop.Gate.Release();
        }
    }

    private static DropResult<CommitResult> Inject(Drop drop, DropCommit commit, Func<byte[], bool> inject, bool duplicate) =>
        inject(commit.Frame)
            ? DropResult<CommitResult>.Ok(new CommitResult(drop, commit, duplicate))
            : new DropFailure(DropProblem.NoProcess, "The drop is committed, but the terminal's process has exited: commit again once it runs to send the frame");

    private static async Task<DropResult<IReadOnlyList<VerifiedItem>>> VerifyAsync(Drop drop, ManifestDraft draft, CancellationToken ct)
    {
        var files = draft.Items.Where(i => !i.IsDirectory).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        if (drop.Files.Keys.Order(StringComparer.Ordinal).FirstOrDefault(p => !files.Contains(p)) is { } unlisted)
            return Mismatch($"'{unlisted}' was staged but is not in the manifest");
        var verified = new List<VerifiedItem>(draft.Items.Count);
        foreach (var item in draft.Items)
        {
            if (item.IsDirectory)
            {
                if (drop.Files.ContainsKey(item.Path)) return Mismatch($"'{item.Path}' is a staged file, not a folder");
                verified.Add(new VerifiedItem(item, null));
                continue;
            }

            var staged = drop.Files.GetValueOrDefault(item.Path);
            if (staged is null && item.Size != 0) return Mismatch($"'{item.Path}' was not staged (the manifest says {item.Size} bytes)");
            if (staged is not null && staged.Size != item.Size)
                return Mismatch($"'{item.Path}' has {staged.Size} staged bytes, the manifest says {item.Size}");
            var hash = Convert.ToHexStringLower(staged is null
                ? SHA256.HashData(ReadOnlySpan<byte>.Empty)
                : await staged.Sha256Async(Path.Combine(drop.FilesDir, item.Path), ct));
            if (item.Sha256 is { } expected && expected != hash) return Mismatch($"'{item.Path}': the staged bytes' sha256 is {hash}, the manifest says {expected}");
            verified.Add(new VerifiedItem(item, hash));
        }

        return DropResult<IReadOnlyList<VerifiedItem>>.Ok(verified);
    }

    /// <summary>Creates the <c>d:1</c> folders and the zero-size files that were never staged.</summary>
    private static async Task MaterializeAsync(Drop drop, IReadOnlyList<VerifiedItem> items, CancellationToken ct)
    {
        foreach (var (item, _) in items)
        {
            var full = Path.Combine(drop.FilesDir, item.Path);
            if (item.IsDirectory)
            {
                Directory.CreateDirectory(full, PrivateFolder);
                continue;
            }

            if (drop.Files.ContainsKey(item.Path)) continue;
            if (Path.GetDirectoryName(full) is { } parent) Directory.CreateDirectory(parent, PrivateFolder);
            await using var empty = new FileStream(full, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
            await empty.FlushAsync(ct);
        }
    }

    private static async Task WriteManifestAsync(Drop drop, byte[] manifest, CancellationToken ct)
    {
        var path = Path.Combine(drop.Root, Drop.ManifestFile);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            UnixCreateMode = PrivateFile,
        }))
        {
            await file.WriteAsync(manifest, ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static DropFailure Mismatch(string message) => new(DropProblem.ManifestMismatch, message);
}

/// <summary>A committed drop, and whether this commit only repeated an earlier one.</summary>
internal sealed record CommitResult(Drop Drop, DropCommit Commit, bool Duplicate);
