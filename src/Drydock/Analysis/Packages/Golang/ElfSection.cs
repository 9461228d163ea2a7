namespace Drydock.Analysis.Packages.Golang;

/// <summary>One ELF section header; <paramref name="Executable"/> is SHF_EXECINSTR (the section holds machine code).</summary>
internal readonly record struct ElfSection(string Name, bool NoBits, ulong Address, ulong Offset, ulong Size, bool Executable = false);
