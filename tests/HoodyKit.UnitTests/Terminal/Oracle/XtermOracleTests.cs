using HoodyKit.Terminal.Screen;

namespace HoodyKit.UnitTests.Terminal.Oracle;

/// <summary>
/// Differential tests: every fixture is replayed into our emulator and into @xterm/headless 6.0.0 (what the terminal
/// page runs), and at every checkpoint the two screens must agree cell for cell (text, width, colours, attributes),
/// and on the cursor, the modes, the title and the scrollback. Exceptions are listed in <see cref="Excluded"/> and in
/// docs/decisions.md.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class XtermOracleTests
{
    public static IEnumerable<OracleFixture> Fixtures => OracleFixture.All();

    [TestCaseSource(nameof(Fixtures)), CancelAfter(60_000)]
    public async Task Screen_matches_xterm_at_every_checkpoint(OracleFixture fixture, CancellationToken ct)
    {
        XtermOracle.RequireNode();
        var bytes = await File.ReadAllBytesAsync(fixture.FullPath, ct);
        using var oracle = await XtermOracle.DumpAsync(fixture.FullPath, fixture.Columns, fixture.Rows, fixture.Checkpoints, ct);
        var states = oracle.RootElement.GetProperty("states").EnumerateArray().ToList();
        Assert.That(states, Has.Count.EqualTo(fixture.Checkpoints.Count));

        var screen = new VtScreen(fixture.Columns, fixture.Rows);
        var done = 0;
        var report = new List<string>();
        for (var i = 0; i < states.Count; i++)
        {
            var offset = fixture.Checkpoints[i];
            screen.Feed(bytes.AsSpan(done, offset - done));
            done = offset;
            var diffs = ScreenDump.Of(screen).Diff(ScreenDump.Of(states[i]), key => Excluded(fixture.Name, key));
            if (diffs.Count > 0) report.Add($"checkpoint {i} (byte {offset}):\n  " + string.Join("\n  ", diffs.Take(12)));
        }

        Assert.That(report, Is.Empty, $"{fixture.Name}: our screen differs from xterm.js'\n" + string.Join('\n', report.Take(4)));
    }

    /// <summary>Differences accepted on purpose (docs/decisions.md, "Terminal: the xterm.js oracle").</summary>
    private static bool Excluded(string fixture, string key) => (fixture, key) switch
    {
        _ => false,
    };
}
