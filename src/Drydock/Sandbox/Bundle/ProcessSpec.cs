namespace Drydock.Sandbox.Bundle;

/// <summary>The program the sandbox starts, as the image config (and the user's overrides) describe it.</summary>
/// <param name="Arguments">Entrypoint followed by Cmd.</param>
/// <param name="Environment">KEY=VALUE pairs.</param>
/// <param name="WorkingDirectory">An absolute path inside the container.</param>
/// <param name="Uid">The container uid.</param>
/// <param name="Gid">The container gid.</param>
/// <param name="AdditionalGids">Supplementary groups of the user.</param>
public sealed record ProcessSpec(
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    string WorkingDirectory,
    int Uid,
    int Gid,
    IReadOnlyList<int> AdditionalGids);
