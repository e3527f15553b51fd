using System.Text.Json.Nodes;
using HoodyKit.Terminal.Drops;

namespace HoodyKit.UnitTests.Terminal.Drops;

public sealed class ManifestDraftTests
{
    private static DropResult<ManifestDraft> Parse(string json, int maxItems = 100) => ManifestDraft.Parse(JsonNode.Parse(json) as JsonObject, maxItems);

    [Test]
    public void Items_keep_their_fields_and_defaults_fill_the_rest()
    {
        var draft = Parse("""{"ctx":"drop","r":"2","c":7,"cr":"abc_DEF-9","items":[{"p":"x/y.txt","d":0,"s":"12","h":"AB%s"},{"p":"e","d":true}]}"""
            .Replace("AB%s", new string('A', 64), StringComparison.Ordinal)).Value!;
        Assert.That((draft.Ctx, draft.Row, draft.Column, draft.ClipRead), Is.EqualTo(("drop", 2, 7, "abc_DEF-9")));
        Assert.That(draft.Items[0], Is.EqualTo(new ManifestItem("x/y.txt", false, 12, "y.txt", new string('a', 64))));
        Assert.That(draft.Items[1], Is.EqualTo(new ManifestItem("e", true, 0, "e", null)));
    }

    [TestCase("""{"ctx":"drop","r":1,"items":[{"p":"a","s":0}]}""", TestName = "A row without a column is dropped")]
    [TestCase("""{"ctx":"drop","r":-1,"c":2,"items":[{"p":"a","s":0}]}""", TestName = "A negative cell is dropped")]
    public void The_cell_needs_both_coordinates(string json)
    {
        var draft = Parse(json).Value!;
        Assert.That((draft.Row, draft.Column), Is.EqualTo(((int?)null, (int?)null)));
    }

    [TestCase("bad nonce!")]
    [TestCase("")]
    [TestCase("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void An_invalid_clip_read_nonce_is_ignored_not_refused(string nonce)
    {
        var draft = Parse($$"""{"ctx":"paste","cr":"{{nonce}}","items":[{"p":"a","s":0}]}""");
        Assert.That(draft.Failure, Is.Null);
        Assert.That(draft.Value!.ClipRead, Is.Null);
    }

    [TestCase("""{"items":[{"p":"a","s":0}]}""", "ctx")]
    [TestCase("""{"ctx":"drop"}""", "items")]
    [TestCase("""{"ctx":"drop","items":[{"p":"a"}]}""", "s must be")]
    [TestCase("""{"ctx":"drop","items":[{"p":"a","s":-1}]}""", "s must be")]
    [TestCase("""{"ctx":"drop","items":[{"p":"a","d":2,"s":0}]}""", "d must be")]
    [TestCase("""{"ctx":"drop","items":[{"p":"a","s":0},{"p":"a","s":0}]}""", "twice")]
    [TestCase("""{"ctx":"drop","items":[{"p":"a","s":0},{"p":"a/b","s":0}]}""", "which is a file")]
    [TestCase("""{"ctx":"drop","items":["a"]}""", "object")]
    public void Malformed_drafts_are_refused_with_the_reason(string json, string reason)
    {
        var failure = Parse(json).Failure!;
        Assert.That(failure.Problem, Is.EqualTo(DropProblem.InvalidManifest));
        Assert.That(failure.Message, Does.Contain(reason));
    }

    [Test]
    public void Too_many_items_is_its_own_problem() =>
        Assert.That(Parse("""{"ctx":"drop","items":[{"p":"a","s":0},{"p":"b","s":0}]}""", maxItems: 1).Failure!.Problem, Is.EqualTo(DropProblem.TooManyItems));

    [Test]
    public void The_frame_carries_only_safe_characters_and_ends_with_bel()
    {
        var frame = System.Text.Encoding.ASCII.GetString(DropFrame.Build("id1", "drop", "/a;b\u001b/é", new string('f', 64), 1, 2, "n-1"));
        Assert.That(frame, Is.EqualTo($"\u001b]8472;v=1;id=id1;ctx=drop;root=L2E7Yhsvw6k;sha256={new string('f', 64)};r=1;c=2;cr=n-1\a"));
        Assert.That(frame[2..^1].Count(c => c is '\u001b' or '\a'), Is.Zero);
    }
}
