using HoodyKit.Terminal.Drops;

namespace HoodyKit.UnitTests.Terminal.Drops;

public sealed class DropPathTests
{
    [TestCase("a.txt")]
    [TestCase("dir/sub/file name with spaces.tar.gz")]
    [TestCase("ünïcödé/日本語.txt")]
    [TestCase("...")]
    [TestCase(".hidden/..x")]
    public void Relative_names_inside_the_drop_are_accepted(string path) => Assert.That(DropPath.Problem(path), Is.Null);

    [TestCase(null, "required")]
    [TestCase("", "required")]
    [TestCase("/etc/passwd", "relative")]
    [TestCase("../x", "'..'")]
    [TestCase("a/../../x", "'..'")]
    [TestCase("a/./b", "'.'")]
    [TestCase("a//b", "empty names")]
    [TestCase("a/", "empty names")]
    [TestCase("a\0b", "NUL")]
    [TestCase("a\nb", "control")]
    [TestCase("a\\b", "'\\'")]
    public void Paths_that_could_leave_the_drop_or_confuse_a_reader_are_refused(string? path, string reason) =>
        Assert.That(DropPath.Problem(path), Does.Contain(reason));

    [Test]
    public void A_lone_surrogate_is_refused() =>
        Assert.That(DropPath.Problem("a" + (char)0xD800 + "b"), Does.Contain("Unicode")); // built here: attribute strings are stored as UTF-8

    [Test]
    public void Names_and_depth_have_limits()
    {
        Assert.That(DropPath.Problem(new string('x', 255)), Is.Null);
        Assert.That(DropPath.Problem(new string('x', 256)), Does.Contain("255 bytes"));
        Assert.That(DropPath.Problem(string.Join('/', Enumerable.Repeat("d", 65))), Does.Contain("deep"));
        Assert.That(DropPath.NameProblem("a/b"), Does.Contain("one name"));
        Assert.That(DropPath.Parents("a/b/c"), Is.EqualTo(new[] { "a", "a/b" }));
        Assert.That(DropPath.Parents("a"), Is.Empty);
    }
}
