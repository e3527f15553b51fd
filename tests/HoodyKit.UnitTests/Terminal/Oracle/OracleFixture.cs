using System.Text.Json;

namespace HoodyKit.UnitTests.Terminal.Oracle;

/// <summary>One recorded byte stream (Fixtures/manifest.json, written by scripts/record-terminal-fixtures.py).</summary>
public sealed record OracleFixture(string Name, string File, int Columns, int Rows, IReadOnlyList<int> Checkpoints)
{
    public static IEnumerable<OracleFixture> All()
    {
        using var manifest = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(XtermOracle.FixtureDirectory, "manifest.json")));
        foreach (var f in manifest.RootElement.EnumerateArray())
        {
            yield return new OracleFixture(f.GetProperty("name").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("cols").GetInt32(),
                f.GetProperty("rows").GetInt32(), [.. f.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetInt32())]);
        }
    }

    public string FullPath => System.IO.Path.Combine(XtermOracle.FixtureDirectory, File);

    public override string ToString() => Name;
}
