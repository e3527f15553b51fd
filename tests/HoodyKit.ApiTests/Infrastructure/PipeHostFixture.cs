using System.Security.Cryptography;
using HoodyKit.Pipe.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>A host shared by one pipe test class, with helpers to wait for a pipe's parties instead of sleeping.</summary>
public abstract class PipeHostFixture
{
    private protected KitHost Host { get; private set; } = null!;

    protected HttpClient Client => Host.Client;

    private protected virtual KitHostOptions HostOptions => new();

    protected string Base => new Uri(Host.BaseAddress, "/api/v1/pipe").AbsoluteUri;

    [OneTimeSetUp]
    public async Task StartHostAsync() => Host = await KitHost.StartAsync(HostOptions, CancellationToken.None);

    private readonly List<string> _tempFiles = [];

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await Host.DisposeAsync();
        foreach (var file in _tempFiles) File.Delete(file);
    }

    /// <summary>A fresh pipe path for one test.</summary>
    protected static string NewPath() => "/t-" + Guid.NewGuid().ToString("n")[..12];

    protected string Url(string path, string query = "") => Base + path + query;

    /// <summary>Polls the hub until <paramref name="path"/> matches (a deadline comes from the test's token).</summary>
    private protected async Task WaitForAsync(string path, Func<PipeSnapshot, bool> condition, CancellationToken ct)
    {
        var hub = Host.Services.GetRequiredService<PipeHub>();
        while (!condition(hub.Snapshot(path)))
            await Task.Delay(5, ct);
    }

    /// <summary>Until <paramref name="count"/> receivers wait on <paramref name="path"/>, or its transfer began (it may be over already).</summary>
    protected Task WaitForReceiversAsync(string path, int count, CancellationToken ct) =>
        WaitForAsync(path, s => s.Receivers >= count || s.State is not (TransferState.Idle or TransferState.Waiting), ct);

    /// <summary>Until a sender waits on <paramref name="path"/>, or its transfer began.</summary>
    protected Task WaitForSenderAsync(string path, CancellationToken ct) =>
        WaitForAsync(path, s => s.HasSender || s.State is not (TransferState.Idle or TransferState.Waiting), ct);

    protected static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Deterministic pseudo-random bytes (the same seed gives the same bytes).</summary>
    protected static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to a temp file, deleted when the class's tests are done.</summary>
    protected string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "hk-pipe-" + Guid.NewGuid().ToString("n"));
        File.WriteAllBytes(path, bytes);
        lock (_tempFiles) _tempFiles.Add(path);
        return path;
    }
}
