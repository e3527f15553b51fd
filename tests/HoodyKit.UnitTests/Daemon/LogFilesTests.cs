using System.Text;
using HoodyKit.Daemon.Supervisor.Logs;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.UnitTests.Daemon;

public sealed class LogFilesTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hk-logs-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string LogPath => Path.Combine(_dir, "app.out.log");

    private async Task WriteAsync(long maxBytes, int backups, params string[] chunks)
    {
        await using var writer = new RotatingLogWriter(LogPath, maxBytes, backups);
        foreach (var chunk in chunks) await writer.WriteAsync(Encoding.UTF8.GetBytes(chunk), CancellationToken.None);
    }

    [Test, CancelAfter(5_000)]
    public async Task Rotation_shifts_files_and_drops_the_oldest(CancellationToken ct)
    {
        await WriteAsync(10, 2, "aaaa\n", "bbbb\n", "cccc\n", "dddd\n", "eeee\n", "ffff\n", "gggg\n");

        Assert.That(await File.ReadAllTextAsync(LogPath, ct), Is.EqualTo("gggg\n"));
        Assert.That(await File.ReadAllTextAsync(LogPath + ".1", ct), Is.EqualTo("eeee\nffff\n"));
        Assert.That(await File.ReadAllTextAsync(LogPath + ".2", ct), Is.EqualTo("cccc\ndddd\n"));
        Assert.That(File.Exists(LogPath + ".3"), Is.False);
    }

    [Test, CancelAfter(5_000)]
    public async Task A_chunk_is_cut_after_its_last_whole_line_that_fits(CancellationToken ct)
    {
        await WriteAsync(12, 3, "one\ntwo\nthree\nfour\n");
        Assert.That(await File.ReadAllTextAsync(LogPath + ".1", ct), Is.EqualTo("one\ntwo\n"));
        Assert.That(await File.ReadAllTextAsync(LogPath, ct), Is.EqualTo("three\nfour\n"));
    }

    [Test, CancelAfter(5_000)]
    public async Task Zero_backups_truncates_and_zero_size_never_rotates(CancellationToken ct)
    {
        await WriteAsync(6, 0, "aaaa\n", "bbbb\n");
        Assert.That(await File.ReadAllTextAsync(LogPath, ct), Is.EqualTo("bbbb\n"));
        Assert.That(File.Exists(LogPath + ".1"), Is.False);

        File.Delete(LogPath);
        await WriteAsync(0, 2, new string('x', 10_000));
        Assert.That(new FileInfo(LogPath).Length, Is.EqualTo(10_000));
    }

    [Test, CancelAfter(5_000)]
    public async Task Tail_reads_backwards_across_rotated_files(CancellationToken ct)
    {
        await WriteAsync(12, 5, "l1\nl2\nl3\n", "l4\nl5\nl6\n", "l7\nl8\n");
        var (text, lines) = await LogTail.ReadAsync(LogPath, 5, ct);
        Assert.That(text, Is.EqualTo("l4\nl5\nl6\nl7\nl8\n"));
        Assert.That(lines, Is.EqualTo(5));
    }

    [Test, CancelAfter(5_000)]
    public async Task Tail_counts_what_it_returns_and_keeps_an_unfinished_last_line(CancellationToken ct)
    {
        await WriteAsync(0, 0, "a\nb\npartial");
        Assert.That(await LogTail.ReadAsync(LogPath, 2, ct), Is.EqualTo(("b\npartial", 2)));
        Assert.That(await LogTail.ReadAsync(LogPath, 100, ct), Is.EqualTo(("a\nb\npartial", 3)));
        Assert.That(await LogTail.ReadAsync(Path.Combine(_dir, "missing.log"), 10, ct), Is.EqualTo(("", 0)));
    }

    [TestCase("/var/log/hoody/api.out.log", "/var/log/hoody/api_8042.out.log")]
    [TestCase("/srv/logs/stdout.log", "/srv/logs/stdout_8042.log")]
    public void Port_instances_log_beside_their_program(string programLog, string instanceLog) =>
        Assert.That(ProgramPaths.InstanceLog(programLog, "api", 8042), Is.EqualTo(instanceLog));
}
