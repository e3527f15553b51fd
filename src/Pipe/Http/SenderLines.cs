using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace HoodyKit.Pipe.Http;

/// <summary>The sender's own response: <c>200 text/plain</c> and its <c>[INFO]</c>/<c>[ERROR]</c> lines, each flushed.</summary>
internal sealed class SenderLines(HttpContext context)
{
    public bool IsGone => context.RequestAborted.IsCancellationRequested;

    public void Start()
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        PipeCors.Apply(context);
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentType = "text/plain; charset=utf-8";
    }

    /// <summary>Writes one line; a sender that has gone away is not written to (its pump notices on its own).</summary>
    public async Task WriteAsync(string line)
    {
        if (IsGone) return;
        try
        {
            context.Response.BodyWriter.Write(Encoding.UTF8.GetBytes(line));
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            // the sender disconnected: there is no one left to tell
        }
    }

    /// <summary>
    /// Ends the response after a last line, then cuts the connection so a possibly endless body is not drained. The
    /// body is read and discarded for up to <paramref name="grace"/> first: a socket closed with unread input resets
    /// the connection, and the client's TCP stack would then throw away the last line before curl reads it.
    /// </summary>
    public async Task EndAndAbortAsync(string line, TimeSpan grace, TimeProvider time)
    {
        await WriteAsync(line);
        if (!IsGone)
        {
            try
            {
                await context.Response.CompleteAsync();
                using var timer = new CancellationTokenSource(grace, time);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timer.Token);
                await DiscardBodyAsync(context.Request.BodyReader, limit.Token);
            }
            catch (Exception ex) when (Disconnects.Is(ex))
            {
                // gone, or the grace period is over
            }
        }

        context.Abort();
    }

    private static async Task DiscardBodyAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var result = await body.ReadAsync(ct);
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) return;
        }
    }
}
