namespace Drydock.Admission;

/// <summary>One container image of a pod spec: the container's list (<c>containers</c>, <c>initContainers</c>,
/// <c>ephemeralContainers</c>), its name and the image as written.</summary>
public readonly record struct PodImage(string List, string Container, string Image);
