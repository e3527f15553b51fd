using System.Text;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.UnitTests.Terminal;

public sealed class VtScreenTests
{
    private static VtScreen Feed(string text, int columns = 20, int rows = 5) => Screens.Feed(text, columns, rows);

    private static IReadOnlyList<string> Lines(VtScreen screen) => screen.Snapshot().Lines;

    [Test]
    public void Text_lines_and_carriage_returns_land_where_a_terminal_puts_them()
    {
        var screen = Feed("hello\r\nworld\rW");
        Assert.That(Lines(screen).Take(2), Is.EqualTo(new[] { "hello", "World" }));
        Assert.That((screen.Snapshot().CursorRow, screen.Snapshot().CursorCol), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Cursor_addressing_and_erase_in_line()
    {
        var screen = Feed("abcdef\x1b[1;3H\x1b[K\x1b[2;5HX");
        Assert.That(Lines(screen).Take(2), Is.EqualTo(new[] { "ab", "    X" }));
    }

    [Test]
    public void Erase_display_clears_the_screen()
    {
        var screen = Feed("one\r\ntwo\x1b[2J\x1b[Hnew");
        Assert.That(Lines(screen), Is.EqualTo(new[] { "new", "", "", "", "" }));
    }

    [Test]
    public void Lines_scrolled_off_the_top_go_to_the_scrollback()
    {
        var screen = Feed("1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7", rows: 3);
        Assert.That(Lines(screen), Is.EqualTo(new[] { "5", "6", "7" }));
        Assert.That(screen.Scrollback, Is.EqualTo(new[] { "1", "2", "3", "4" }));
    }

    [Test]
    public void Long_lines_wrap_at_the_right_margin()
    {
        var screen = Feed("abcdefghij", columns: 4);
        Assert.That(Lines(screen).Take(3), Is.EqualTo(new[] { "abcd", "efgh", "ij" }));
    }

    [Test]
    public void Alternate_screen_is_separate_and_the_main_screen_returns_intact()
    {
        var screen = Feed("shell prompt\x1b[?1049h\x1b[Hfull screen app");
        Assert.That(screen.AlternateScreen, Is.True);
        Assert.That(Lines(screen)[0], Is.EqualTo("full screen app"));
        screen.Feed("\x1b[?1049l"u8);
        Assert.That(Lines(screen)[0], Is.EqualTo("shell prompt"));
    }

    [Test]
    public void Scroll_region_scrolls_only_its_rows()
    {
        var screen = Feed("top\r\na\r\nb\r\nc\r\nbottom\x1b[2;4r\x1b[4;1H\n", rows: 5);
        Assert.That(Lines(screen), Is.EqualTo(new[] { "top", "b", "c", "", "bottom" }));
    }

    [Test]
    public void Insert_and_delete_characters_and_lines()
    {
        var screen = Feed("abcdef\x1b[1;2H\x1b[2P\x1b[1;1H\x1b[@");
        Assert.That(Lines(screen)[0], Is.EqualTo(" adef"));
        screen.Feed("\x1b[1;1H\x1b[L"u8);
        Assert.That(Lines(screen).Take(2), Is.EqualTo(new[] { "", " adef" }));
    }

    [Test]
    public void Wide_characters_take_two_cells_and_combining_marks_none()
    {
        var screen = Feed("中文x\r\ne\u0301!");
        Assert.That(Lines(screen).Take(2), Is.EqualTo(new[] { "中文x", "e\u0301!" }));
        Assert.That(screen.Snapshot().CursorCol, Is.EqualTo(2));
        screen.Feed("\r\n"u8);
        screen.Feed(Encoding.UTF8.GetBytes("中"));
        Assert.That(screen.Snapshot().CursorCol, Is.EqualTo(2));
    }

    [Test]
    public void Utf8_split_across_reads_is_reassembled()
    {
        var bytes = Encoding.UTF8.GetBytes("é中");
        var screen = new VtScreen(10, 2);
        foreach (var b in bytes) screen.Feed([b]);
        Assert.That(Lines(screen)[0], Is.EqualTo("é中"));
    }

    [Test]
    public void Modes_and_titles_are_tracked()
    {
        var screen = Feed("\x1b]0;my title\x07\x1b[?1h\x1b[?2004h\x1b[?25l");
        Assert.That(screen.Title, Is.EqualTo("my title"));
        Assert.That(screen.ApplicationCursorKeys && screen.BracketedPaste && !screen.CursorVisible, Is.True);
        screen.Feed("\x1b]2;other\x1b\\"u8);
        Assert.That(screen.Title, Is.EqualTo("other"));
    }

    [Test]
    public void Queries_are_answered()
    {
        var answers = new List<string>();
        var screen = new VtScreen(80, 24) { Respond = answers.Add };
        screen.Feed("ab\x1b[6n\x1b[c\x1b[>c\x1b[5n"u8);
        Assert.That(answers, Is.EqualTo(new[] { "\x1b[1;3R", "\x1b[?62;22c", "\x1b[>0;276;0c", "\x1b[0n" }));
    }

    [Test]
    public void Reverse_video_becomes_a_highlight()
    {
        var screen = Feed("ab\x1b[7mSEL\x1b[0mcd");
        Assert.That(screen.Snapshot().Highlights, Is.EqualTo(new[] { new Highlight(0, 2, 5, true) }));
    }

    [Test]
    public void Resize_keeps_the_cursor_line_visible()
    {
        var screen = Feed("1\r\n2\r\n3\r\n4\r\n5", rows: 5);
        screen.Resize(20, 3);
        Assert.That(Lines(screen), Is.EqualTo(new[] { "3", "4", "5" }));
        Assert.That(screen.Snapshot().CursorRow, Is.EqualTo(2));
    }

    [TestCase("up", false, "\x1b[A")]
    [TestCase("up", true, "\x1bOA")]
    [TestCase("arrow_left", false, "\x1b[D")]
    [TestCase("ctrl+c", false, "\x03")]
    [TestCase("enter", false, "\r")]
    [TestCase("alt+x", false, "\x1bx")]
    [TestCase("f5", false, "\x1b[15~")]
    [TestCase("q", false, "q")]
    public void Named_keys_encode_like_xterm(string name, bool application, string bytes) =>
        Assert.That(KeyMap.Encode(name, application), Is.EqualTo(bytes));

    [Test]
    public void Unknown_keys_are_null() => Assert.That(KeyMap.Encode("hyper+q", false), Is.Null);
}

public sealed class MouseEventTests
{
    private static MouseEvent Parse(string json) => MouseEvent.Parse(System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject())!;

    private static string Text(byte[] bytes) => System.Text.Encoding.Latin1.GetString(bytes);

    [Test]
    public void Sgr_click_is_a_press_and_a_release_at_one_based_cells() =>
        Assert.That(Text(Parse("""{"type":"click","row":4,"col":9}""").Encode(1000, MouseEncoding.Sgr)), Is.EqualTo("\u001b[<0;10;5M\u001b[<0;10;5m"));

    [Test]
    public void Scroll_repeats_and_modifiers_add_to_the_button() =>
        Assert.That(Text(Parse("""{"type":"scroll","row":0,"col":0,"direction":"down","amount":2,"modifiers":["ctrl"]}""").Encode(1000, MouseEncoding.Sgr)),
            Is.EqualTo("\u001b[<81;1;1M\u001b[<81;1;1M"));

    [Test]
    public void X10_encodes_coordinates_as_offset_bytes() =>
        Assert.That(Text(Parse("""{"type":"down","row":0,"col":0,"button":3}""").Encode(1000, MouseEncoding.X10)), Is.EqualTo("\u001b[M\"!!"));

    [Test]
    public void X10_coordinates_are_single_raw_bytes_and_stop_at_223()
    {
        var bytes = Parse("""{"type":"down","row":150,"col":400}""").Encode(1000, MouseEncoding.X10);
        Assert.That(bytes, Is.EqualTo(new byte[] { 0x1b, (byte)'[', (byte)'M', 32, 255, 33 + 150 }));
    }

    [Test]
    public void Urxvt_1015_reports_decimal_coordinates_and_a_release_as_button_3() =>
        Assert.That(Text(Parse("""{"type":"click","row":299,"col":399}""").Encode(1000, MouseEncoding.Urxvt)),
            Is.EqualTo("\u001b[32;400;300M\u001b[35;400;300M"));

    [Test]
    public void Utf8_1005_writes_large_coordinates_as_utf8_characters()
    {
        var bytes = Parse("""{"type":"down","row":0,"col":300}""").Encode(1000, MouseEncoding.Utf8);
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Is.EqualTo("\u001b[M " + (char)(33 + 300) + "!"));
        Assert.That(bytes, Has.Length.EqualTo(7), "the column is one two-byte UTF-8 character");
    }

    [Test]
    public void The_screen_ranks_the_encodings_as_xterm_does()
    {
        var screen = new VtScreen(80, 24);
        Assert.That(screen.MouseEncoding, Is.EqualTo(MouseEncoding.X10));
        screen.Feed("\u001b[?1005h"u8);
        Assert.That(screen.MouseEncoding, Is.EqualTo(MouseEncoding.Utf8));
        screen.Feed("\u001b[?1015h"u8);
        Assert.That(screen.MouseEncoding, Is.EqualTo(MouseEncoding.Urxvt));
        screen.Feed("\u001b[?1006h"u8);
        Assert.That(screen.MouseEncoding, Is.EqualTo(MouseEncoding.Sgr));
        screen.Feed("\u001b[?1006l\u001b[?1015l"u8);
        Assert.That(screen.MouseEncoding, Is.EqualTo(MouseEncoding.Utf8));
    }

    [Test]
    public void Motion_is_sent_only_in_any_event_mode()
    {
        var move = Parse("""{"type":"move","row":1,"col":1}""");
        Assert.That(move.Encode(1000, MouseEncoding.Sgr), Is.Empty);
        Assert.That(Text(move.Encode(1003, MouseEncoding.Sgr)), Is.EqualTo("\u001b[<35;2;2M"));
    }

    [Test]
    public void Invalid_events_do_not_parse() =>
        Assert.That(MouseEvent.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"type":"drag","row":1,"col":1}""")!.AsObject()), Is.Null);
}

public sealed class WaiterCountsTests
{
    [Test]
    public void A_session_takes_sixteen_waiters_and_frees_them_again()
    {
        var waiters = new WaiterCounts();
        for (var i = 0; i < WaiterCounts.MaxPerSession; i++) Assert.That(waiters.TryEnter(7), Is.True);
        Assert.That(waiters.TryEnter(7), Is.False);
        for (var i = 0; i < WaiterCounts.MaxPerSession; i++) waiters.Leave(7);
        Assert.That(waiters.For(7), Is.Zero);
        Assert.That(waiters.TryEnter(7), Is.True, "a session whose count went back to zero takes waiters again");
        Assert.That(waiters.Total, Is.EqualTo(1));
    }
}

public sealed class ColoredLinesTests
{
    [Test]
    public void Coloured_runs_carry_their_sgr_and_end_with_a_reset()
    {
        var screen = new VtScreen(20, 2);
        screen.Feed("a\u001b[1;31mBC\u001b[0md"u8);
        Assert.That(screen.ColoredLines()[0], Is.EqualTo("a\u001b[0;1;31mBC\u001b[0md"));
        Assert.That(screen.ColoredLines()[1], Is.Empty);
    }
}

public sealed class AnsiHtmlTests
{
    [Test]
    public void Colours_become_spans_and_other_escapes_vanish() =>
        Assert.That(HoodyKit.Terminal.Sessions.AnsiHtml.Convert("\u001b]0;title\u0007\u001b(B\u001b[31mred\u001b[0m <b>\u001b"),
            Is.EqualTo("<pre class=\"terminal\"><span style=\"color:#cc0000;\">red</span> &lt;b&gt;</pre>"));
}
