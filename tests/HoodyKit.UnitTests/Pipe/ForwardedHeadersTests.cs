using HoodyKit.Pipe.Engine;
using HoodyKit.Pipe.Http;

namespace HoodyKit.UnitTests.Pipe;

public sealed class ForwardedHeadersTests
{
    [TestCase(null, null)]
    [TestCase("", null)]
    [TestCase("text/html", "text/plain")]
    [TestCase("TEXT/HTML; Charset=UTF-8", "text/plain; charset=UTF-8")]
    [TestCase("application/vnd.foo+xml", "text/plain")]
    [TestCase("text/xsl", "text/plain")]
    [TestCase("multipart/x-mixed-replace; boundary=x", "text/plain")]
    [TestCase("video/mp4", "video/mp4")]
    [TestCase("text/plain; charset=utf-8; format=flowed", "text/plain; charset=utf-8")]
    [TestCase("garbage", "application/octet-stream")]
    public void Content_type_is_sanitized(string? sent, string? expected) =>
        Assert.That(ForwardedHeaders.ContentType(sent), Is.EqualTo(expected));

    [TestCase("image/png", true)]
    [TestCase("image/svg+xml", false)]
    [TestCase("text/plain; charset=utf-8", true)]
    [TestCase("application/pdf", true)]
    [TestCase("application/zip", false)]
    [TestCase(null, false)]
    public void Inline_safe_types(string? type, bool safe) => Assert.That(ForwardedHeaders.IsInlineSafe(type), Is.EqualTo(safe));

    [TestCase("a\r\nSet-Cookie: x", "aSet-Cookie: x")]
    [TestCase("plain", "plain")]
    public void Control_characters_are_stripped(string value, string expected) =>
        Assert.That(ForwardedHeaders.StripControl(value), Is.EqualTo(expected));

    [TestCase("form-data; name=\"f\"; filename=\"a b.txt\"", "text/plain", "attachment; filename=\"a b.txt\"", "a b.txt")]
    [TestCase("inline; filename=\"x.bin\"", "application/zip", "attachment; filename=\"x.bin\"", "x.bin")]
    [TestCase("inline", "image/png", "inline", null)]
    [TestCase("attachment; filename*=UTF-8''r%C3%A9.txt", null, "attachment; filename*=UTF-8''r%C3%A9.txt", "ré.txt")]
    public void The_sender_disposition_is_forwarded_safely(string raw, string? type, string expected, string? fileName)
    {
        Assert.That(Disposition.FromSender(raw, type, out var name), Is.EqualTo(expected));
        Assert.That(name, Is.EqualTo(fileName));
    }

    [TestCase("../../etc/passwd", "....etcpasswd")]
    [TestCase("..hidden", "hidden")]
    [TestCase("a\u0000b\r\nc", "abc")]
    public void File_names_are_sanitized(string name, string expected)
    {
        var clean = Disposition.SanitizeFileName(name);
        Assert.That(clean, Is.EqualTo(expected.TrimStart('.')));
    }

    [Test]
    public void Long_file_names_are_cut_to_255() => Assert.That(Disposition.SanitizeFileName(new string('x', 300)), Has.Length.EqualTo(255));

    [TestCase(null, "1", true)]
    [TestCase("256", "256", true)]
    [TestCase("3", "3", true)]
    [TestCase("0", null, false)]
    [TestCase("257", null, false)]
    [TestCase("+1", null, false)]
    [TestCase("1e2", null, false)]
    [TestCase("", null, false)]
    public void Receiver_count_is_a_plain_integer_from_1_to_256(string? value, string? n, bool valid)
    {
        Assert.That(ReceiverCount.TryParse(value, out var parsed), Is.EqualTo(valid));
        if (valid) Assert.That(parsed.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(n));
    }

    [TestCase("/api/v1/pipe/a%2Fb?n=2", "/a/b")]
    [TestCase("/api/v1/pipe", "/")]
    [TestCase("/api/v1/pipe/", "/")]
    [TestCase("/API/V1/PIPE/x", "/x")]
    [TestCase("/x%20y", "/x y")]
    [TestCase("/api/v1/pipex", "/api/v1/pipex")]
    public void Keys_come_from_the_raw_target(string target, string key) =>
        Assert.That(PipeKey.FromTarget(target, "/api/v1/pipe"), Is.EqualTo(key));

    [Test]
    public void Key_rules()
    {
        Assert.That(PipeKey.IsReserved("/help"), Is.True);
        Assert.That(PipeKey.IsReserved("/helpme"), Is.False);
        Assert.That(PipeKey.IsTooLong("/" + new string('a', 1024)), Is.False);
        Assert.That(PipeKey.IsTooLong("/" + new string('a', 1025)), Is.True);
        Assert.That(PipeKey.HasForbiddenCharacters("/a\\b"), Is.True);
        Assert.That(PipeKey.BaseName("/dir/file.txt"), Is.EqualTo("file.txt"));
    }
}
