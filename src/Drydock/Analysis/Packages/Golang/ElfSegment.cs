namespace Drydock.Analysis.Packages.Golang;

/// <summary>One PT_LOAD program header.</summary>
internal readonly record struct ElfSegment(uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize);
