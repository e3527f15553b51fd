using HoodyKit.Core.Hosting;
using HoodyKit.Terminal.Drops;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Terminal.Drops;

/// <summary>The drop engine on a fake clock, in a throw-away staging folder.</summary>
public sealed class DropStoreTests
{
    private string _dir = null!;
    private FakeTimeProvider _time = null!;
    private DropOptions _options = null!;
    private DropStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("hk-drop-unit-").FullName;
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _options = new DropOptions { Directory = Path.Combine(_dir, "drops"), MaxSliceBytes = 16, MaxOpenDropsPerTerminal = 2 };
        var kit = new KitSettings(_dir, _dir, null, null);
        _store = new DropStore(new DropDirectory(Options.Create(_options), kit), Options.Create(_options), _time, NullLogger<DropStore>.Instance);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_drop_is_found_only_with_its_token_and_terminal()
    {
        var (drop, token) = _store.Begin(3, 0).Value;
        Assert.That(_store.Find(drop.Id, token, null), Is.SameAs(drop));
        Assert.That(_store.Find(drop.Id, token, 3), Is.SameAs(drop));
        Assert.That(_store.Find(drop.Id, token, 4), Is.Null);
        Assert.That(_store.Find(drop.Id, token + "x", null), Is.Null);
        Assert.That(_store.Find(drop.Id, null, null), Is.Null);
        Assert.That(_store.Find(null, token, null), Is.Null);
        Assert.That(drop.Id, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(token, Does.Match("^[A-Za-z0-9_-]{43}$"));
    }

    [Test]
    public void Open_drops_per_terminal_are_capped()
    {
        _store.Begin(3, 0);
        _store.Begin(3, 0);
        Assert.That(_store.Begin(3, 0).Failure!.Problem, Is.EqualTo(DropProblem.TooManyDrops));
        Assert.That(_store.Begin(4, 0).Failure, Is.Null, "another terminal has its own count");
    }

    [Test]
    public async Task Idle_drops_expire_and_committed_ones_last_their_retention()
    {
        var (idle, _) = _store.Begin(3, 0).Value;
        var (kept, keptToken) = _store.Begin(3, 0).Value;
        var committer = new DropCommitter(_time);
        var draft = new ManifestDraft("drop", null, null, null, [new ManifestItem("empty", false, 0, "empty", null)]);
        Assert.That((await committer.CommitAsync(kept, draft, _ => true, CancellationToken.None)).Failure, Is.Null);

        _time.Advance(_options.IdleTimeout);
        Assert.That(_store.Sweep(), Is.EqualTo(1));
        Assert.That(Directory.Exists(idle.Root), Is.False);
        Assert.That(Directory.Exists(kept.Root), Is.True);

        _time.Advance(_options.Retention);
        Assert.That(_store.Find(kept.Id, keptToken, null), Is.Null, "found expired: removed at once");
        Assert.That(Directory.Exists(kept.Root), Is.False);
    }

    [Test]
    public void Folders_left_by_an_earlier_run_expire_by_the_same_rules()
    {
        var open = Path.Combine(_options.Directory!, "7", "0123456789abcdef0123456789abcdef");
        var sealedDrop = Path.Combine(_options.Directory!, "7", "fedcba9876543210fedcba9876543210");
        var stranger = Path.Combine(_options.Directory!, "7", "not-a-drop");
        Directory.CreateDirectory(stranger);
        Directory.SetLastWriteTimeUtc(stranger, _time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(30));
        Directory.CreateDirectory(open);
        Directory.CreateDirectory(sealedDrop);
        File.WriteAllText(Path.Combine(sealedDrop, "manifest.json"), "{}");
        Directory.SetLastWriteTimeUtc(open, _time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10));
        File.SetLastWriteTimeUtc(Path.Combine(sealedDrop, "manifest.json"), _time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1));

        Assert.That(_store.Sweep(), Is.Zero);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(_store.Sweep(), Is.EqualTo(1));
        Assert.That(Directory.Exists(open), Is.False);
        _time.Advance(TimeSpan.FromHours(23));
        Assert.That(_store.Sweep(), Is.EqualTo(1));
        Assert.That(Directory.Exists(sealedDrop), Is.False);
        Assert.That(Directory.Exists(stranger), Is.True, "only folders named like drops are ever swept");
    }

    [Test]
    public async Task A_slice_that_fails_half_way_is_cut_off_and_the_commit_hashes_the_file_from_disk()
    {
        var (drop, _) = _store.Begin(3, 0).Value;
        var uploader = new DropUploader(Options.Create(_options), _time);
        Assert.That((await uploader.AppendAsync(drop, "f", 0, new MemoryStream("abc"u8.ToArray()), 3, CancellationToken.None)).Failure, Is.Null);

        Assert.ThrowsAsync<IOException>(() => uploader.AppendAsync(drop, "f", 3, new BreakingStream(5), null, CancellationToken.None));
        Assert.That(new FileInfo(Path.Combine(drop.FilesDir, "f")).Length, Is.EqualTo(3));
        Assert.ThrowsAsync<IOException>(() => uploader.AppendAsync(drop, "new", 0, new BreakingStream(5), null, CancellationToken.None));
        Assert.That(File.Exists(Path.Combine(drop.FilesDir, "new")), Is.False, "a new file that never got a whole slice is not staged");

        var tooLarge = await uploader.AppendAsync(drop, "f", 3, new MemoryStream(new byte[17]), null, CancellationToken.None);
        Assert.That(tooLarge.Failure!.Problem, Is.EqualTo(DropProblem.TooLarge));
        Assert.That((await uploader.AppendAsync(drop, "f", 3, new MemoryStream("de"u8.ToArray()), 2, CancellationToken.None)).Value!.Size, Is.EqualTo(5));

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("abcde"u8));
        var draft = new ManifestDraft("drop", null, null, null, [new ManifestItem("f", false, 5, "f", sha)]);
        Assert.That((await new DropCommitter(_time).CommitAsync(drop, draft, _ => true, CancellationToken.None)).Failure, Is.Null);
    }

    [Test]
    public void A_staging_folder_that_belongs_to_someone_else_is_not_used()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to give the folder away");
        Directory.CreateDirectory(_options.Directory!);
        File.SetUnixFileMode(_options.Directory!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.That(HoodyKit.Terminal.Native.FileNative.SetGroup(_options.Directory!, 65534), Is.True);
        Assert.That(Chown(_options.Directory!, 65534), Is.Zero);
        var failure = _store.Begin(3, 0).Failure!;
        Assert.That(failure.Problem, Is.EqualTo(DropProblem.Unavailable));
        Assert.That(failure.Message, Does.Contain("belongs to uid 65534"));

        Assert.That(Chown(_options.Directory!, 0), Is.Zero);
        File.SetUnixFileMode(_options.Directory!, (UnixFileMode)0b111_111_111);
        Assert.That(_store.Begin(3, 0).Failure!.Message, Does.Contain("writable by other users"));
    }

    private static int Chown(string path, uint uid)
    {
        using var process = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Gives some bytes, then fails as a client that went away would.</summary>
    private sealed class BreakingStream(int before) : Stream
    {
        private int _left = before;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0) throw new IOException("connection reset");
            var n = Math.Min(count, _left);
            _left -= n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
