namespace Drydock.Sandbox.Bundle;

/// <summary>What unpacking an image's layers wrote.</summary>
/// <param name="Bytes">File bytes written.</param>
/// <param name="Entries">Entries created (files, directories, links).</param>
/// <param name="Warnings">Entries skipped or changed for safety (devices, links out of the root).</param>
public sealed record RootFsExtraction(long Bytes, int Entries, IReadOnlyList<Diagnostic> Warnings);
