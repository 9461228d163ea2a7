using System.Text;

namespace Drydock.Analysis.Scripts;

/// <summary>One simple command of a line: its words and what joined it to the command before.</summary>
/// <param name="Words">The words, never empty.</param>
/// <param name="Joint">How it follows the previous command: <c>|</c> a pipe from it, <c>$</c> a command substitution
/// (<c>$(…)</c> or backticks) inside it, <c>&lt;</c> a process substitution (<c>&lt;(…)</c>), <c>c</c> the command string
/// of <c>sh -c</c>, <c>;</c> anything else.</param>
internal sealed record ShellCommand(List<string> Words, char Joint);

/// <summary>Cuts a command line into simple commands and words, as far as a rule needs: separators (<c>; | &amp; ( )</c>,
/// backticks) end a command, quotes only separate (so <c>sh -c "xmrig -o …"</c> still shows the inner command's words),
/// and <c>--option=value</c> becomes two words. Not a shell parser: it never fails and never expands anything.</summary>
internal static class ShellWords
{
    /// <summary>Most words kept from one line (the rest of a very long line is ignored).</summary>
    public const int MaxWords = 512;

    /// <summary>The simple commands of <paramref name="line"/>.</summary>
    public static List<ShellCommand> Commands(string line)
    {
        var commands = new List<ShellCommand>();
        var words = new List<string>();
        var word = new StringBuilder();
        var total = 0;
        var joint = ';';

        void EndWord()
        {
            if (word.Length > 0)
            {
                var text = word.ToString();
                word.Clear();
                total++;
                var eq = text.IndexOf('=');
                if (text.StartsWith("--", StringComparison.Ordinal) && eq > 2)
                {
                    words.Add(text[..eq]);
                    words.Add(text[(eq + 1)..]);
                }
                else
                {
                    words.Add(text);
                }
            }
        }

        void EndCommand(char following)
        {
            EndWord();
            if (words.Count > 0)
            {
                // "sh -c curl …" (quotes already gone): the words after -c are a command of their own.
                var at = CommandWord(words);
                if (at >= 0 && at + 2 < words.Count && words[at + 1] == "-c" && BaseName(words[at]) is "sh" or "bash" or "dash" or "ash" or "zsh" or "ksh")
                {
                    commands.Add(new ShellCommand(words[..(at + 2)], joint));
                    commands.Add(new ShellCommand(words[(at + 2)..], 'c'));
                }
                else
                {
                    commands.Add(new ShellCommand(words, joint));
                }

                words = [];
                joint = ';';
            }

            // A joint survives empty commands between ("| (" keeps the pipe), but a plain separator resets it.
            joint = following == ';' ? joint : following;
        }

        for (var i = 0; i < line.Length && total < MaxWords; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '"' or '\'' or '{' or '}' or ',' or '[' or ']':
                    EndWord();
                    break;
                case '|':
                    var or = i + 1 < line.Length && line[i + 1] == '|';
                    i += or ? 1 : 0;
                    EndCommand(';');
                    joint = or ? ';' : '|';
                    break;
                case '(':
                    // "$(" is a command substitution, "<(" a process substitution.
                    var substitution = word.Length > 0 && word[^1] == '$' ? '$' : word.Length == 1 && word[0] == '<' ? '<' : ';';
                    if (substitution != ';')
                    {
                        word.Length--;
                    }

                    EndCommand(substitution);
                    break;
                case '`':
                    EndCommand('$');
                    break;
                case ';' or '&' or ')' or '\n':
                    EndCommand(';');
                    joint = ';';
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        EndCommand(';');
        return commands;
    }

    /// <summary>The last path component of a word (<c>/tmp/.x/xmrig</c> → <c>xmrig</c>), without a trailing query.</summary>
    public static string BaseName(string word)
    {
        var q = word.IndexOfAny(['?', '#']);
        var path = q >= 0 ? word[..q] : word;
        path = path.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>The index of the word a command runs: past <c>sudo</c>, <c>nohup</c>, <c>exec</c>, <c>env</c>, variable
    /// assignments and the like, or past a shell or interpreter given a file (<c>sh /tmp/x</c>); -1 when there is none.</summary>
    public static int CommandWord(List<string> words)
    {
        var i = 0;
        while (i < words.Count)
        {
            var w = words[i];
            var name = BaseName(w);
            if (IsAssignment(w) || name is "sudo" or "nohup" or "exec" or "setsid" or "env" or "command" or "builtin" or "busybox" or "doas" or "chrt" or "taskset" or "ionice")
            {
                i++;
                while (i < words.Count && words[i].StartsWith('-'))
                {
                    i++;
                }

                continue;
            }

            if (name is "nice" or "timeout")
            {
                i++;
                while (i < words.Count && (words[i].StartsWith('-') || (words[i].Length > 0 && char.IsAsciiDigit(words[i][0]))))
                {
                    i++;
                }

                continue;
            }

            return i;
        }

        return -1;
    }

    private static bool IsAssignment(string word)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0)
        {
            return false;
        }

        foreach (var c in word.AsSpan(0, eq))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return !char.IsAsciiDigit(word[0]);
    }
}
