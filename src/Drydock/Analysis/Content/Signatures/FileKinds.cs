namespace Drydock.Analysis.Content.Signatures;

/// <summary>What kind of file a rule looks at, as <see cref="FileKindClassifier"/> tells from the first bytes and the path.</summary>
[Flags]
public enum FileKinds : byte
{
    None = 0,

    /// <summary>An ELF, PE or Mach-O executable or library.</summary>
    Binary = 1,

    /// <summary>A script: a <c>#!</c> line, or a script language's file extension.</summary>
    Script = 2,

    /// <summary>A configuration file: JSON, YAML, TOML, INI and the like, anything under <c>etc/</c>, cron tables.</summary>
    Config = 4,

    /// <summary>Documentation: manuals, READMEs, licences, Markdown, HTML and text files, <c>usr/share/doc</c>.</summary>
    Document = 8,

    /// <summary>Anything else (data files, archives, unknown formats).</summary>
    Data = 16,

    /// <summary>Binaries and scripts.</summary>
    Executable = Binary | Script,

    /// <summary>Every kind but documentation.</summary>
    NotDocument = Binary | Script | Config | Data,

    /// <summary>Every kind.</summary>
    All = NotDocument | Document,
}
