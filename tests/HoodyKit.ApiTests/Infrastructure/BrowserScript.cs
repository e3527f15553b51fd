using System.Diagnostics;
using System.Text;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>
/// The page's browser checks (<c>web/test/*.mjs</c>): Node.js driving Debian's Chromium through playwright-core.
/// A test that needs them is skipped, with the reason, when node, Chromium or web/node_modules is missing.
/// </summary>
internal static class BrowserScript
{
    public const string Chromium = "/usr/bin/chromium";

    public static string WebDirectory => Path.Combine(Tool.RepositoryRoot(), "web");

    public static void Require()
    {
        Tool.Require("node", "nodejs");
        if (!File.Exists(Chromium)) Assert.Ignore($"{Chromium} is not installed (Debian package chromium); `make test` installs it");
        if (!Directory.Exists(Path.Combine(WebDirectory, "node_modules", "playwright-core")))
            Assert.Ignore("web/node_modules has no playwright-core: run `npm ci` in web/ (`make test` does)");
    }

    /// <summary>Runs <c>node web/&lt;script&gt; args…</c>; the whole process tree is killed if the test's token fires first.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WebDirectory,
        };
        psi.ArgumentList.Add(script);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["CHROMIUM_PATH"] = Chromium;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // Chromium too
            throw;
        }

        return (process.ExitCode, new StringBuilder(await stdout).Append(await stderr).ToString());
    }
}
