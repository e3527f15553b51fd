using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Terminal.Drops;
using HoodyKit.Terminal.Models;
using HoodyKit.Terminal.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>Drag-and-drop: <c>/drop-begin</c>, <c>/upload</c>, <c>/drop-commit</c> and the one-shot <c>/drop</c>.</summary>
internal static class DropEndpoints
{
    private const long FramingAllowance = 1024 * 1024;

    public static RouteGroupBuilder MapDropEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/drop-begin", Begin);
        api.MapPost("/upload", UploadAsync);
        api.MapPost("/drop-commit", CommitAsync);
        api.MapPost("/drop", OneShotAsync);
        return api;
    }

    private static IResult Begin(HttpContext context, TerminalSessions sessions, DropStore store)
    {
        if (!TryTerminalId(context, out var terminalId)) return TerminalErrors.InvalidTerminalId();
        if (sessions.Find(terminalId ?? 1) is not { } session) return TerminalErrors.SessionNotFound();
        var begun = store.Begin(session.Id, session.GroupId);
        if (begun.Failure is { } failure) return DropErrors.From(failure);
        var (drop, token) = begun.Value;
        var limits = store.Limits;
        return TypedResults.Ok(new BeginDropReply(drop.Id, drop.Id, token, drop.TerminalId, drop.Root, limits.MaxSliceBytes, limits.MaxDropBytes,
            limits.MaxItems, (int)limits.IdleTimeout.TotalSeconds));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, DropStore store, DropUploader uploader, CancellationToken ct)
    {
        var query = context.Request.Query;
        if (!TryTerminalId(context, out var terminalId)) return TerminalErrors.InvalidTerminalId();
        var path = QueryArgs.Value(query, "path");
        if (DropPath.Problem(path) is { } pathProblem) return ApiErrors.BadRequest("INVALID_PATH", pathProblem);
        if (!long.TryParse(QueryArgs.Value(query, "offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return TerminalErrors.InvalidParameters("offset must be a non-negative integer (the file's staged size)");
        if (store.Find(QueryArgs.Value(query, "drop"), QueryArgs.Value(query, "token"), terminalId) is not { } drop) return DropErrors.NotFound();

        // the uploader counts the slice's bytes itself; Kestrel's own cap, which also counts chunked framing, only stops a runaway body
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = store.Limits.MaxSliceBytes + FramingAllowance;
        DropResult<UploadResult> uploaded;
        try
        {
            uploaded = await uploader.AppendAsync(drop, path!, offset, context.Request.Body, context.Request.ContentLength, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            uploaded = new DropFailure(DropProblem.TooLarge, $"A slice holds at most {store.Limits.MaxSliceBytes} bytes (max_slice)");
        }

        if (uploaded.Failure is { } failure) return DropErrors.From(failure);
        var slice = uploaded.Value!;
        return TypedResults.Ok(new UploadSliceReply(drop.Id, slice.Path, slice.Offset, slice.Written, slice.Size));
    }

    private static async Task<IResult> CommitAsync(HttpContext context, TerminalSessions sessions, DropStore store, DropCommitter committer,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        var query = context.Request.Query;
        if (!TryTerminalId(context, out var terminalId)) return TerminalErrors.InvalidTerminalId();
        if (store.Find(QueryArgs.Value(query, "drop"), QueryArgs.Value(query, "token"), terminalId) is not { } drop) return DropErrors.NotFound();
        ManifestDraft? draft = null;
        if (!drop.IsSealed)
        {
            var parsed = ManifestDraft.Parse(body, store.Limits.MaxItems);
            if (parsed.Failure is { } invalid) return DropErrors.From(invalid);
            draft = parsed.Value;
        }

        if (sessions.Find(drop.TerminalId) is not { } session) return TerminalErrors.SessionNotFound();
        var committed = await committer.CommitAsync(drop, draft, frame => session.Write(frame), ct);
        return committed.Failure is { } failure ? DropErrors.From(failure) : TypedResults.Ok(Reply(committed.Value!));
    }

    private static async Task<IResult> OneShotAsync(HttpContext context, TerminalSessions sessions, DropStore store, OneShotDrop oneShot, CancellationToken ct)
    {
        if (!TryTerminalId(context, out var terminalId)) return TerminalErrors.InvalidTerminalId();
        if (sessions.Find(terminalId ?? 1) is not { } session) return TerminalErrors.SessionNotFound();
        var limit = store.Limits.MaxSliceBytes;
        if (context.Request.ContentLength > limit)
            return new ApiError(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"A one-shot drop's body holds at most {limit} bytes (max_slice)");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit + FramingAllowance;
        JsonNode? parsed;
        try
        {
            using var capped = new MemoryStream();
            await context.Request.Body.CopyToAsync(capped, ct);
            if (capped.Length > limit) return new ApiError(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"A one-shot drop's body holds at most {limit} bytes (max_slice)");
            capped.Position = 0;
            parsed = await JsonNode.ParseAsync(capped, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return ApiErrors.BadRequest("INVALID_JSON", "Invalid JSON body", ex.Message);
        }

        if (parsed is not JsonObject body) return DropErrors.From(new DropFailure(DropProblem.InvalidManifest, "a JSON body {ctx, items} is required"));
        var committed = await oneShot.RunAsync(session.Id, session.GroupId, body, frame => session.Write(frame), ct);
        return committed.Failure is { } failure ? DropErrors.From(failure) : TypedResults.Ok(Reply(committed.Value!));
    }

    private static CommitDropReply Reply(CommitResult result)
    {
        var (drop, commit) = (result.Drop, result.Commit);
        return new CommitDropReply("committed", drop.Id, drop.TerminalId, commit.Ctx, drop.Root, Path.Combine(drop.Root, Drop.ManifestFile),
            commit.ManifestSha256, commit.Items, commit.Bytes, DropFrame.OscNumber, commit.Frame.Length, result.Duplicate);
    }

    /// <summary><c>terminal_id</c> from the query: absent or <c>0</c> (a proxy's "none") is null; false when malformed.</summary>
    private static bool TryTerminalId(HttpContext context, out int? terminalId)
    {
        terminalId = null;
        if (QueryArgs.Value(context.Request.Query, "terminal_id") is not { } raw || raw == "0") return true;
        if (!TerminalId.TryParse(raw, out var id)) return false;
        terminalId = id;
        return true;
    }
}
