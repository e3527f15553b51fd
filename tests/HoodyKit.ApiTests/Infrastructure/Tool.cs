using System.Diagnostics;
using HoodyKit.Core.Modules;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>Runs an external command to completion; skips the test when the tool is not installed.</summary>
internal static class Tool
{
    public static void Require(string command, string package)
    {
        if (ToolLocator.Find(command) is null)
            Assert.Ignore($"{command} is not installed (Debian package {package}); `make test` installs it");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string command, IEnumerable<string> args, CancellationToken ct,
        string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{command} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The repository root (the folder holding HoodyKit.sln), found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HoodyKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("HoodyKit.sln not found above " + AppContext.BaseDirectory);
    }
}
