using Drydock.Sandbox.Bundle;
using Drydock.Sandbox.Files;
using Drydock.Sandbox.Runtime;

namespace Drydock.Sandbox;

/// <summary>Everything one sandbox run observed, before it is judged.</summary>
/// <param name="Arguments">The program started (Entrypoint and Cmd).</param>
/// <param name="User">The container user as uid:gid.</param>
/// <param name="Outcome">How the run ended, resources and output.</param>
/// <param name="Files">What the run changed in the image's root.</param>
/// <param name="DroppedFileChanges">Changes past the limit.</param>
/// <param name="TraceFile">The raw strace output (deleted with the bundle unless kept), or null without tracing.</param>
/// <param name="Extraction">What unpacking the image wrote.</param>
public sealed record SandboxRun(
    IReadOnlyList<string> Arguments,
    string User,
    ContainerOutcome Outcome,
    IReadOnlyList<FileChange> Files,
    int DroppedFileChanges,
    string? TraceFile,
    RootFsExtraction Extraction);
