using System.Text.Json.Nodes;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// <c>/drop</c>: begin, stage and commit in one request, through the very code of <c>/drop-begin</c>,
/// <c>/upload</c> (each file one slice from offset 0) and <c>/drop-commit</c>. A drop that fails on the way is
/// removed at once; it has no token to resume with.
/// </summary>
internal sealed class OneShotDrop(DropStore store, DropUploader uploader, DropCommitter committer)
{
    public async Task<DropResult<CommitResult>> RunAsync(int terminalId, uint groupId, JsonObject body, Func<byte[], bool> inject, CancellationToken ct)
    {
        var (ctx, row, column, clipRead) = ManifestDraft.Header(body);
        if (ctx is null) return new DropFailure(DropProblem.InvalidManifest, "ctx must be \"drop\" or \"paste\"");
        var items = OneShotItems.Parse(body["items"], store.Limits.MaxItems);
        if (items.Failure is { } invalid) return invalid;

        var begun = store.Begin(terminalId, groupId);
        if (begun.Failure is { } unavailable) return unavailable;
        var drop = begun.Value.Drop;
        var committed = false;
        try
        {
            foreach (var (path, bytes) in items.Value!.Files)
            {
                using var content = new MemoryStream(bytes, writable: false);
                var staged = await uploader.AppendAsync(drop, path, 0, content, bytes.Length, ct);
                if (staged.Failure is { } failure) return failure;
            }

            var result = await committer.CommitAsync(drop, new ManifestDraft(ctx, row, column, clipRead, items.Value.Manifest), inject, ct);
            committed = result.Failure is null;
            return result;
        }
        finally
        {
            if (!committed) store.Remove(drop);
        }
    }
}
