using System.Buffers;
using HoodyKit.Terminal.Native;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// <c>/upload</c>'s engine: appends one slice to a staged file. The slice must start at the file's staged size (so a
/// client resumes from the size a refusal reports), is streamed to disk and into the file's running hash as it
/// arrives, and never grows past <c>max_slice</c> or the drop's byte limit. A slice that fails half-way (too large,
/// the client gone) is cut off again: the file keeps exactly its earlier bytes.
/// </summary>
internal sealed class DropUploader(IOptions<DropOptions> options, TimeProvider time)
{
    private const int BufferBytes = 64 * 1024;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Appends <paramref name="body"/> (of <paramref name="declaredLength"/> bytes when the client said so) to <paramref name="path"/> at <paramref name="offset"/>.</summary>
    public async Task<DropResult<UploadResult>> AppendAsync(Drop drop, string path, long offset, Stream body, long? declaredLength, CancellationToken ct)
    {
        if (DropPath.Problem(path) is { } pathProblem) return new DropFailure(DropProblem.InvalidPath, pathProblem);
        var limits = options.Value;
        await drop.Gate.WaitAsync(ct);
        try
        {
            if (drop.IsRemoved) return new DropFailure(DropProblem.NotFound, "Unknown drop or wrong token");
            if (drop.IsSealed) return new DropFailure(DropProblem.Sealed, "The drop is committed: it takes no more slices");
            var staged = drop.Files.GetValueOrDefault(path);
            var current = staged?.Size ?? 0;
            if (offset != current)
                return new DropFailure(DropProblem.OffsetMismatch, $"offset {offset} is not the staged size of '{path}' ({current}): resume at {current}", current);
            if (staged is null && drop.Files.Count >= limits.MaxItems)
                return new DropFailure(DropProblem.TooManyItems, $"A drop holds at most {limits.MaxItems} files");
            var room = Math.Min(limits.MaxSliceBytes, limits.MaxDropBytes - drop.TotalBytes);
            if (declaredLength > room) return TooLarge(declaredLength.Value, limits);

            var full = Path.Combine(drop.FilesDir, path);
            if (staged is null && CheckNewFile(drop, path, full) is { } placeProblem) return placeProblem;
            var result = await WriteAsync(drop, path, full, staged, offset, body, limits, room, ct);
            if (result.Failure is null) drop.LastActivity = time.GetUtcNow();
            return result;
        }
        finally
        {
            drop.Gate.Release();
        }
    }

    private static async Task<DropResult<UploadResult>> WriteAsync(Drop drop, string path, string full, StagedFile? staged, long offset,
        Stream body, DropOptions limits, long room, CancellationToken ct)
    {
        if (staged is null && Path.GetDirectoryName(full) is { } parent) Directory.CreateDirectory(parent, PrivateFolder);
        var target = staged ?? new StagedFile();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        long written = 0;
        var done = false;
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        if (staged is null) (fileOptions.Mode, fileOptions.UnixCreateMode) = (FileMode.Create, PrivateFile);
        await using var file = new FileStream(full, fileOptions);
        try
        {
            if (file.Length != offset) file.SetLength(offset);
            file.Position = offset;
            while (await body.ReadAsync(buffer.AsMemory(0, BufferBytes), ct) is var read and > 0)
            {
                if (written + read > room) return TooLarge(written + read, limits);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                target.Append(buffer.AsSpan(0, read));
                written += read;
            }

            done = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!done) Rollback(file, full, target, staged is null, offset, written);
        }

        target.Grow(written);
        if (staged is null) drop.Files[path] = target;
        drop.TotalBytes += written;
        return DropResult<UploadResult>.Ok(new UploadResult(path, offset, written, target.Size));
    }

    /// <summary>Where a new file may go: not through a staged file or a link, not onto a folder.</summary>
    private static DropFailure? CheckNewFile(Drop drop, string path, string full)
    {
        if (!Path.GetFullPath(full).StartsWith(drop.FilesDir + "/", StringComparison.Ordinal))
            return new DropFailure(DropProblem.InvalidPath, "path leaves the drop");
        foreach (var parent in DropPath.Parents(path))
        {
            if (drop.Files.ContainsKey(parent)) return new DropFailure(DropProblem.PathConflict, $"'{parent}' is a staged file, not a folder");
            if (FileNative.Lstat(Path.Combine(drop.FilesDir, parent)) is not { } facts) break;
            if (facts.IsLink) return new DropFailure(DropProblem.InvalidPath, $"path goes through a symbolic link ('{parent}')");
            if (!facts.IsDirectory) return new DropFailure(DropProblem.PathConflict, $"'{parent}' is not a folder");
        }

        if (FileNative.Lstat(full) is { } target)
        {
            if (target.IsLink) return new DropFailure(DropProblem.InvalidPath, "path is a symbolic link");
            if (target.IsDirectory) return new DropFailure(DropProblem.PathConflict, $"'{path}' is a folder of staged files");
        }

        return null;
    }

    private static void Rollback(FileStream file, string full, StagedFile target, bool isNew, long offset, long written)
    {
        if (isNew)
        {
            File.Delete(full);
            target.Dispose();
            return;
        }

        file.SetLength(offset);
        if (written > 0) target.ForgetHash();
    }

    private static DropFailure TooLarge(long bytes, DropOptions limits) => new(DropProblem.TooLarge, bytes > limits.MaxSliceBytes
        ? $"A slice holds at most {limits.MaxSliceBytes} bytes (max_slice)"
        : $"The drop would pass its limit of {limits.MaxDropBytes} bytes");
}

/// <summary>What an upload did: where it wrote, from which offset, how much, and the file's staged size now.</summary>
internal sealed record UploadResult(string Path, long Offset, long Written, long Size);
