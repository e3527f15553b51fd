using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HoodyKit.Core.State;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Core;

public sealed class JsonStateFileTests
{
    private string _dir = "";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private static JsonTypeInfo<Dictionary<string, int>> Info => StateJsonContext.Default.DictionaryStringInt32;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hk-state-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test, CancelAfter(5_000)]
    public async Task Written_state_reads_back_and_leaves_no_temp_files(CancellationToken ct)
    {
        var path = Path.Combine(_dir, "sub", "programs.json");
        await JsonStateFile.WriteAsync(path, new Dictionary<string, int> { ["a"] = 1 }, Info, ct);
        await JsonStateFile.WriteAsync(path, new Dictionary<string, int> { ["a"] = 2 }, Info, ct);

        var read = await JsonStateFile.ReadAsync(path, Info, _time, ct);

        Assert.That(read.Value, Is.EqualTo(new Dictionary<string, int> { ["a"] = 2 }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EquivalentTo(new[] { path }));
    }

    [Test, CancelAfter(5_000)]
    public async Task Missing_file_reads_as_neither_value_nor_corrupt(CancellationToken ct)
    {
        var read = await JsonStateFile.ReadAsync(Path.Combine(_dir, "none.json"), Info, _time, ct);
        Assert.That(read.Value, Is.Null);
        Assert.That(read.IsCorrupt, Is.False);
    }

    [Test, CancelAfter(5_000)]
    public async Task Corrupt_file_is_moved_aside_with_its_content_kept(CancellationToken ct)
    {
        var path = Path.Combine(_dir, "programs.json");
        await File.WriteAllTextAsync(path, "{not json", ct);

        var read = await JsonStateFile.ReadAsync(path, Info, _time, ct);

        Assert.That(read.IsCorrupt, Is.True);
        Assert.That(read.CorruptMovedTo, Is.EqualTo(path + ".corrupt-20260102T030405000Z"));
        Assert.That(File.Exists(path), Is.False);
        Assert.That(await File.ReadAllTextAsync(read.CorruptMovedTo!, ct), Is.EqualTo("{not json"));
        Assert.That(read.Problem, Is.Not.Empty);
    }
}

[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
