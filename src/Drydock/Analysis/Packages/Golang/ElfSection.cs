namespace Drydock.Analysis.Packages.Golang;

/// <summary>One ELF section header.</summary>
internal readonly record struct ElfSection(string Name, bool NoBits, ulong Address, ulong Offset, ulong Size);
