using HoodyKit.Daemon.Supervisor.Processes;

namespace HoodyKit.UnitTests.Daemon;

public sealed class CommandBuilderTests
{
    [TestCase("node server.js --port 80", new[] { "node", "server.js", "--port", "80" })]
    [TestCase("  python3   -m http.server ", new[] { "python3", "-m", "http.server" })]
    [TestCase("echo 'a b' \"c d\" e\\ f", new[] { "echo", "a b", "c d", "e f" })]
    [TestCase("printf \"say \\\"hi\\\"\"", new[] { "printf", "say \"hi\"" })]
    [TestCase("cmd ''", new[] { "cmd", "" })]
    public void Simple_commands_are_split_posix_style_and_run_directly(string command, string[] argv) =>
        Assert.That(CommandBuilder.Build(command, null, null, null), Is.EqualTo(argv));

    [TestCase("a && b")]
    [TestCase("echo $HOME")]
    [TestCase("ls | wc -l")]
    [TestCase("sleep 1; echo done")]
    [TestCase("echo > out.txt")]
    [TestCase("ls *.log")]
    public void Commands_with_shell_operators_run_through_sh(string command) =>
        Assert.That(CommandBuilder.Build(command, null, null, null), Is.EqualTo(new[] { "/bin/sh", "-c", command }));

    [Test]
    public void An_unclosed_quote_is_left_to_the_shell_to_report() =>
        Assert.That(CommandBuilder.Build("echo 'oops", null, null, null), Is.EqualTo(new[] { "/bin/sh", "-c", "echo 'oops" }));

    [Test]
    public void Port_instances_get_the_port_parameter_appended()
    {
        Assert.That(CommandBuilder.Build("node app.js", null, 8042, "--port"), Is.EqualTo(new[] { "node", "app.js", "--port", "8042" }));
        Assert.That(CommandBuilder.Build("node app.js", null, 8042, ""), Is.EqualTo(new[] { "node", "app.js", "8042" }));
    }

    [Test]
    public void Terminal_shell_runs_a_login_shell()
    {
        var argv = CommandBuilder.Build("nvm use 20 && node app.js", "bash", null, null);
        Assert.That(argv.Skip(1), Is.EqualTo(new[] { "-l", "-c", "nvm use 20 && node app.js" }));
        Assert.That(argv[0], Does.EndWith("/bash"));
    }
}
