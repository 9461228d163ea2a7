using Drydock.Analysis.Census;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>Tells a file's <see cref="FileKinds"/> from its first bytes and its path. Magic bytes win over names: an
/// ELF or a <c>#!</c> script under <c>usr/share/doc</c> is still executable.</summary>
public static class FileKindClassifier
{
    private static readonly string[] DocumentDirectories =
        ["usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/help/", "usr/share/gtk-doc/", "usr/share/devhelp/", "usr/local/share/doc/", "usr/local/share/man/"];

    private static readonly string[] DocumentNames =
        ["readme", "changelog", "changes", "news", "history", "license", "licence", "copying", "copyright", "authors", "thanks", "todo", "install", "faq", "contributing", "notice"];

    private static readonly HashSet<string> DocumentExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".md", ".markdown", ".rst", ".txt", ".text", ".html", ".htm", ".xhtml", ".adoc", ".asciidoc", ".tex", ".pdf", ".pod",
        ".info", ".texi", ".texinfo", ".man", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9", ".rtf", ".org", ".wiki",
    };

    private static readonly HashSet<string> ScriptExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".sh", ".bash", ".zsh", ".ksh", ".py", ".pyw", ".pl", ".pm", ".rb", ".js", ".mjs", ".cjs", ".ts", ".php", ".ps1", ".psm1",
        ".lua", ".tcl", ".vbs", ".bat", ".cmd",
    };

    private static readonly HashSet<string> ConfigExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".json5", ".yaml", ".yml", ".toml", ".conf", ".cfg", ".ini", ".env", ".properties", ".service", ".timer", ".plist", ".xml",
    };

    /// <summary>The kind of the file at <paramref name="path"/> (normalised, no leading slash) whose content starts with <paramref name="head"/>.</summary>
    public static FileKinds Classify(string path, ReadOnlySpan<byte> head)
    {
        switch (ExecutableMagic.Classify(head))
        {
            case ExecutableFormat.Elf or ExecutableFormat.PE or ExecutableFormat.MachO:
                return FileKinds.Binary;
            case ExecutableFormat.Script:
                return FileKinds.Script;
        }

        var slash = path.LastIndexOf('/');
        var name = path.AsSpan(slash + 1);
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 ? name[dot..] : [];
        if (InDocumentDirectory(path))
        {
            return FileKinds.Document;
        }

        if (IsDocumentName(name, extension))
        {
            // A .txt that holds JSON (xmr-stak's pools.txt) is configuration, whatever its name says.
            return LooksLikeJson(head) ? FileKinds.Config : FileKinds.Document;
        }

        if (extension.Length > 0 && ScriptExtensions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(extension))
        {
            return FileKinds.Script;
        }

        if ((extension.Length > 0 && ConfigExtensions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(extension))
            || path.StartsWith("etc/", StringComparison.Ordinal) || path.StartsWith("var/spool/cron/", StringComparison.Ordinal))
        {
            return FileKinds.Config;
        }

        return FileKinds.Data;
    }

    private static bool InDocumentDirectory(string path)
    {
        foreach (var d in DocumentDirectories)
        {
            if (path.StartsWith(d, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        var text = head.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && (text[0] is (byte)'{' or (byte)'[' or (byte)'"' || text.StartsWith("/*"u8) || text.StartsWith("//"u8));
    }

    private static bool IsDocumentName(ReadOnlySpan<char> name, ReadOnlySpan<char> extension)
    {
        if (extension.Length > 0 && DocumentExtensions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(extension))
        {
            return true;
        }

        // README, LICENSE.md, CHANGELOG-1.2: a documentation word, alone or followed by a separator.
        foreach (var word in DocumentNames)
        {
            if (name.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (name.Length == word.Length || name[word.Length] is '.' or '-' or '_'))
            {
                return true;
            }
        }

        return false;
    }
}
