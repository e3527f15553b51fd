using HoodyKit.Core.Modules;

namespace HoodyKit.UnitTests.Core;

public sealed class ToolLocatorTests
{
    [Test]
    public void Finds_an_executable_on_the_path() =>
        Assert.That(ToolLocator.Find("sh", "/nonexistent:/bin:/usr/bin"), Is.EqualTo("/bin/sh").Or.EqualTo("/usr/bin/sh"));

    [Test]
    public void Reports_a_missing_tool_as_null() =>
        Assert.That(ToolLocator.Probe(new ToolProbe("no-such-tool-hk", "none", "nothing")).Found, Is.False);

    [Test]
    public void A_non_executable_file_is_not_a_tool()
    {
        var dir = Directory.CreateTempSubdirectory("hk-tools-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "plain"), "");
            File.SetUnixFileMode(Path.Combine(dir, "plain"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.That(ToolLocator.Find("plain", dir), Is.Null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
