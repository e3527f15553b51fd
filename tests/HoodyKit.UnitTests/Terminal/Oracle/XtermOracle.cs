using System.Diagnostics;
using System.Text.Json;

namespace HoodyKit.UnitTests.Terminal.Oracle;

/// <summary>
/// Runs web/test/xterm-dump.mjs: @xterm/headless 6.0.0 replays a fixture and dumps its screen at each checkpoint.
/// A test that needs it is ignored, saying why, when node or web/node_modules/@xterm/headless is missing.
/// </summary>
internal static class XtermOracle
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixtureDirectory => Path.Combine(RepositoryRoot, "tests", "HoodyKit.UnitTests", "Terminal", "Oracle", "Fixtures");

    private static string WebDirectory => Path.Combine(RepositoryRoot, "web");

    public static void RequireNode()
    {
        if (FindOnPath("node") is null) Assert.Ignore("node is not on PATH: the @xterm/headless oracle needs Node.js 20 (`make test` checks for it)");
        if (!File.Exists(Path.Combine(WebDirectory, "node_modules", "@xterm", "headless", "package.json")))
            Assert.Ignore("web/node_modules has no @xterm/headless: run `npm ci` in web/ (`make test` does)");
    }

    /// <summary>The oracle's states, one per checkpoint.</summary>
    public static async Task<JsonDocument> DumpAsync(string fixture, int columns, int rows, IReadOnlyList<int> checkpoints, CancellationToken ct)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = WebDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "test/xterm-dump.mjs", fixture, $"{columns}", $"{rows}", string.Join(',', checkpoints) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) Assert.Fail($"xterm-dump.mjs exited with {process.ExitCode}: {await error}");
        return JsonDocument.Parse(await output);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HoodyKit.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("HoodyKit.sln not found above " + AppContext.BaseDirectory);
    }
}
