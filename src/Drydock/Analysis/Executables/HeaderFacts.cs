namespace Drydock.Analysis.Executables;

/// <summary>What one executable's headers said, as far as they could be read.</summary>
/// <param name="Kind">exe, dll, driver, shared-object, ... (null when the headers are unreadable).</param>
/// <param name="Architecture">The machine, as <see cref="Content.ExecutableRecord.Architecture"/> spells it.</param>
internal sealed record HeaderFacts(string? Kind, string? Architecture)
{
    /// <summary>Headers too damaged to say anything.</summary>
    public static HeaderFacts Unreadable(string problem) => new(null, null) { Problem = problem };

    public bool DotNet { get; init; }

    /// <summary>Section names in table order (PE, ELF).</summary>
    public IReadOnlyList<string> SectionNames { get; init; } = [];

    /// <summary>The file ranges holding machine code (executable sections; executable segments when an ELF file has no
    /// section table), for the code entropy.</summary>
    public IReadOnlyList<(long Offset, long Length)> CodeRanges { get; init; } = [];

    /// <summary>Watched imports (<see cref="SuspiciousApis"/>), sorted; null when none.</summary>
    public List<string>? SuspiciousImports { get; init; }

    /// <summary>Why the headers were read only in part, for a warning; null when all was well.</summary>
    public string? Problem { get; init; }
}
