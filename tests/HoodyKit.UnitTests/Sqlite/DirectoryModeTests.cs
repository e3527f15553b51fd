using System.Text;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary>Directory mode's files on a real folder: the expiry sweep removes files, key paths stay inside the folder.</summary>
public sealed class DirectoryModeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private string _dir = null!;
    private DatabaseEntry _entry = null!;

    [SetUp]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("hk-dirmode-").FullName;
        _entry = new DatabaseEntry(Path.Combine(_dir, DbPathResolver.DirectoryStoreName), create: true, fullDurability: false, TimeSpan.FromSeconds(5), _time);
    }

    [TearDown]
    public void Close()
    {
        _entry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task The_expiry_sweep_removes_the_files_of_expired_keys()
    {
        Assert.That(_entry.KeyDirectory, Is.EqualTo(_dir));
        var store = new KvStore(_time);
        var table = KvTable.Parse("files");
        await store.SetAsync(_entry, table, "short", new KvWrite("v"u8.ToArray(), "text/plain", store.NowMs + 1000, 1), null, null, history: true, CancellationToken.None);
        await store.SetAsync(_entry, table, "long", new KvWrite(Encoding.UTF8.GetBytes("w"), "text/plain", null, null), null, null, history: true, CancellationToken.None);
        Assert.That(File.Exists(Path.Combine(_dir, "short")), Is.True);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(await store.SweepAsync(_entry, CancellationToken.None), Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_dir, "short")), Is.False, "an expired key's file would come back on rebuild");
        Assert.That(File.Exists(Path.Combine(_dir, "long")), Is.True);
    }

    [TestCase("a/../../etc")]
    [TestCase("/abs")]
    [TestCase("x/.hoody-kv.db")]
    public void Paths_that_leave_the_folder_or_touch_the_store_are_refused(string key) =>
        Assert.That(Assert.Throws<StoreException>(() => KeyFiles.PathOf(_dir, key))!.Status, Is.EqualTo(400));

    [Test]
    public void A_nested_key_maps_below_the_folder() =>
        Assert.That(KeyFiles.PathOf(_dir, "a/b.json"), Is.EqualTo(Path.Combine(_dir, "a", "b.json")));
}
