using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe.Http;

/// <summary>
/// A receiver's HTTP response as the pump's sink. Every call is guarded: a receiver that disconnects or fails is
/// marked gone and never throws into the sender's pump (design/pipe.md §9: that would truncate the sender).
/// </summary>
internal sealed class HttpReceiverSink(HttpContext context, string key) : IReceiverSink
{
    private readonly PipeWriter _writer = context.Response.BodyWriter;
    private bool _failed;

    public bool IsGone => _failed || context.RequestAborted.IsCancellationRequested;

    public async ValueTask<bool> StartAsync(TransferHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (IsGone) return false;
        try
        {
            ReceiverResponse.Prepare(context, headers, key);
            await context.Response.StartAsync(context.RequestAborted);
            await _writer.FlushAsync(context.RequestAborted); // StartAsync only queues the headers
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            _failed = true;
        }

        return !IsGone;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_failed) return;
        try
        {
            _writer.Write(bytes);
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            _failed = true;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FlushAsync()
    {
        if (IsGone) return false;
        try
        {
            var result = await _writer.FlushAsync(context.RequestAborted);
            if (result.IsCanceled || result.IsCompleted) _failed = true;
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            _failed = true;
        }

        return !IsGone;
    }

    public async ValueTask CompleteAsync()
    {
        if (IsGone) return;
        try
        {
            await context.Response.CompleteAsync();
        }
        catch (Exception ex) when (Disconnects.Is(ex))
        {
            _failed = true;
        }
    }

    public void Abort()
    {
        _failed = true;
        context.Abort();
    }
}
