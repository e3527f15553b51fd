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

    [TestCase(1), TestCase(2), TestCase(3), TestCase(4), TestCase(5), TestCase(6), TestCase(7), TestCase(8), TestCase(9), TestCase(10), TestCase(11), TestCase(12)]
    [CancelAfter(60_000)]
    public async Task Seeded_printing_streams_match_xterm(int seed, CancellationToken ct)
    {
        XtermOracle.RequireNode();
        var bytes = RandomStream.Create(seed, 60_000);
        var path = Path.Combine(Path.GetTempPath(), $"hk-oracle-random-{seed}-{Environment.ProcessId}.bin");
        await File.WriteAllBytesAsync(path, bytes, ct);
        try
        {
            // checkpoints every ~2 KB, each at a character boundary (never inside a UTF-8 sequence)
            var checkpoints = new List<int>();
            for (var at = 2000; at < bytes.Length; at += 2000)
            {
                var boundary = at;
                while ((bytes[boundary] & 0xC0) == 0x80) boundary++;
                checkpoints.Add(boundary);
            }

            checkpoints.Add(bytes.Length);
            using var oracle = await XtermOracle.DumpAsync(path, 80, 24, checkpoints, ct);
            var states = oracle.RootElement.GetProperty("states").EnumerateArray().ToList();
            var screen = new VtScreen(80, 24);
            var done = 0;
            var report = new List<string>();
            for (var i = 0; i < states.Count; i++)
            {
                screen.Feed(bytes.AsSpan(done, checkpoints[i] - done));
                done = checkpoints[i];
                var diffs = ScreenDump.Of(screen).Diff(ScreenDump.Of(states[i]), _ => false);
                if (diffs.Count > 0) report.Add($"checkpoint {i} (byte {done}):\n  " + string.Join("\n  ", diffs.Take(12)));
            }

            Assert.That(report, Is.Empty, $"seed {seed}: our screen differs from xterm.js'\n" + string.Join('\n', report.Take(3)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Differences accepted on purpose (docs/decisions.md, "Terminal: the xterm.js oracle").</summary>
    private static bool Excluded(string fixture, string key) => (fixture, key) switch
    {
        _ => false,
    };
}
