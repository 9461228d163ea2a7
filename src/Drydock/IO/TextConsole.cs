using Spectre.Console;

namespace Drydock.IO;

/// <summary>A Spectre.Console console over any <see cref="TextWriter"/> for the table writers (library code never touches the static AnsiConsole).</summary>
public static class TextConsole
{
    /// <summary>A 140-column, non-interactive console over <paramref name="output"/>, coloured only when asked.</summary>
    public static IAnsiConsole For(TextWriter output, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 140;
        return console;
    }
}
