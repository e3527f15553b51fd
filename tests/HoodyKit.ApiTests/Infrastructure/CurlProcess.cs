using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>
/// A real <c>curl</c> process: its stdout as a stream (lines or bytes, hashed as they arrive), its stderr kept, its
/// stdin open for a test to feed (<c>-T -</c>). Killed on dispose if still running.
/// </summary>
internal sealed class CurlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private CurlProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        Output = process.StandardOutput.BaseStream;
    }

    public Stream Output { get; }

    /// <summary>curl's stdin (only with <c>stdin: true</c>).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    public static CurlProcess Start(IEnumerable<string> args, bool stdin = false)
    {
        Tool.Require("curl", "curl");
        var psi = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--silent");
        psi.ArgumentList.Add("--show-error");
        psi.ArgumentList.Add("--no-buffer"); // stdout is a pipe: without this curl holds lines back
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        return new CurlProcess(Process.Start(psi) ?? throw new InvalidOperationException("curl did not start"));
    }

    /// <summary>One line of stdout (without its newline); null at the end.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await Output.ReadAsync(one, ct) == 0) return line.Count == 0 ? null : Encoding.UTF8.GetString([.. line]);
            if (one[0] == '\n') return Encoding.UTF8.GetString([.. line]);
            line.Add(one[0]);
        }
    }

    public async Task<string> ReadToEndAsync(CancellationToken ct)
    {
        using var reader = new StreamReader(Output, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>Reads stdout to its end: the byte count and the SHA-256 (hex) of what arrived.</summary>
    public async Task<(long Length, string Sha256)> HashOutputAsync(CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = await Output.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>Waits for curl to exit; its exit code and stderr.</summary>
    public async Task<(int ExitCode, string Stderr)> ExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return (_process.ExitCode, await _stderr);
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
