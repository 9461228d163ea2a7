namespace Drydock.Sandbox.Files;

/// <summary>How a run changed a path of the image's root.</summary>
public enum FileChangeKind
{
    Created,
    Modified,
    Deleted,
}
