using HoodyKit.Core.Native.Spawning;

namespace HoodyKit.UnitTests.Core;

public sealed class ProcessSpawnerTests
{
    private static readonly Dictionary<string, string> s_env = new() { ["PATH"] = "/usr/bin:/bin", ["GREETING"] = "hi there" };
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_child_gets_exactly_the_environment_directory_and_output_pipe_it_was_given()
    {
        var (code, output) = await RunAsync(["/bin/sh", "-c", "echo \"$GREETING\"; pwd; env | wc -l; read line || echo stdin-at-eof; exit 3"], "/tmp");
        Assert.That(code, Is.EqualTo(3));
        Assert.That(output.Split('\n', StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "hi there", "/tmp", "3", "stdin-at-eof", "" }),
            "env holds PATH, GREETING and the PWD sh sets");
    }

    [Test]
    public async Task A_child_leads_a_new_session_with_default_signals_and_an_empty_mask()
    {
        // the spawned process reads its own status (a shell would show the mask it holds while forking)
        var (code, output) = await RunAsync(["/bin/grep", "-E", "^(Pid|NSsid|SigBlk|SigIgn):", "/proc/self/status"], "/");
        Assert.That(code, Is.EqualTo(0));
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 2)).ToDictionary(f => f[0], f => f[1].Trim());
        Assert.That(fields["NSsid"], Is.EqualTo(fields["Pid"]), "it leads its own session");
        Assert.That(fields["SigBlk"], Is.EqualTo("0000000000000000"));
        var ignored = Convert.ToUInt64(fields["SigIgn"], 16);
        Assert.That(ignored & 0x7fffffff, Is.EqualTo(0), "no standard signal ignored (the runtime ignores SIGPIPE; a child must not inherit that)");
    }

    [Test]
    public async Task A_death_by_signal_reads_128_plus_the_signal()
    {
        var (code, _) = await RunAsync(["/bin/sh", "-c", "kill -9 $$"], "/");
        Assert.That(code, Is.EqualTo(128 + 9));
    }

    [Test]
    public async Task Many_children_exiting_together_are_all_reaped_with_their_own_codes()
    {
        var runs = Enumerable.Range(0, 30).Select(i => RunAsync(["/bin/sh", "-c", $"exit {i}"], "/")).ToList();
        var codes = (await Task.WhenAll(runs)).Select(r => r.Code);
        Assert.That(codes, Is.EqualTo(Enumerable.Range(0, 30)));
    }

    [Test]
    public void A_missing_executable_is_a_spawn_exception_and_leaves_no_descriptor_open()
    {
        var before = Directory.GetFiles("/proc/self/fd").Length;
        using (var pipe = new ChildPipe())
        {
            var ex = Assert.Throws<SpawnException>(() => ProcessSpawner.Spawn(
                new SpawnRequest("/nonexistent/tool", ["tool"], s_env, "/", [new SpawnDup(1, pipe.WriteFd)])));
            Assert.That(ex!.Message, Does.Contain("cannot start 'tool'").And.Contain("No such file"));
        }

        Assert.That(Directory.GetFiles("/proc/self/fd"), Has.Length.EqualTo(before));
    }

    [Test]
    public void Executables_are_found_on_the_given_path_as_execvp_would()
    {
        Assert.That(ProcessSpawner.FindExecutable("sh", "/nonexistent:/bin"), Is.EqualTo("/bin/sh"));
        Assert.That(ProcessSpawner.FindExecutable("./run.sh", "/bin"), Is.EqualTo("./run.sh"), "a name with a slash is used as it is");
        Assert.That(ProcessSpawner.FindExecutable("no-such-tool-hk", "/bin:/usr/bin"), Is.Null);
        Assert.That(ProcessSpawner.FindExecutable("passwd", "/etc"), Is.Null, "/etc/passwd is not executable");
    }

    private static async Task<(int Code, string Output)> RunAsync(IReadOnlyList<string> argv, string directory)
    {
        using var pipe = new ChildPipe();
        var pid = ProcessSpawner.Spawn(new SpawnRequest(argv[0], argv, s_env, directory,
            [new SpawnOpen(0, "/dev/null", 0), new SpawnDup(1, pipe.WriteFd), new SpawnDup(2, pipe.WriteFd)]));
        var exited = ChildReaper.WaitForExitAsync(pid);
        pipe.CloseWriteEnd();
        await using var reader = pipe.OpenReader();
        using var text = new StreamReader(reader);
        var output = await text.ReadToEndAsync().WaitAsync(s_deadline);
        return (await exited.WaitAsync(s_deadline), output);
    }
}
