namespace Drydock.Sandbox.Files;

/// <summary>One path the container changed, as the writable layer recorded it.</summary>
/// <param name="Path">Absolute path inside the container.</param>
/// <param name="Kind">Created, modified or deleted.</param>
/// <param name="Type">file, directory, symlink or other.</param>
/// <param name="Size">Size of a file after the run (0 otherwise).</param>
/// <param name="Mode">Permission bits after the run (0 for deletions).</param>
/// <param name="MadeExecutable">An executable file that was not executable (or did not exist) in the image.</param>
/// <param name="Sha256">SHA-256 of a created or modified executable (hex), null otherwise or past the hash limit.</param>
public sealed record FileChange(string Path, FileChangeKind Kind, string Type, long Size, int Mode, bool MadeExecutable, string? Sha256);
