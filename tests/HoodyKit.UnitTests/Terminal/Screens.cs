using System.Text;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.UnitTests.Terminal;

/// <summary>A screen model fed with text, for the emulator's tests.</summary>
internal static class Screens
{
    public static VtScreen Feed(string text, int columns, int rows)
    {
        var screen = new VtScreen(columns, rows);
        screen.Feed(Encoding.UTF8.GetBytes(text));
        return screen;
    }
}
