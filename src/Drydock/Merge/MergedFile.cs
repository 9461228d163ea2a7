using Drydock.Analysis;

namespace Drydock.Merge;

/// <summary>A file as it stands in the merged image, with the layer that put it there.</summary>
/// <param name="Record">The census record from that layer.</param>
/// <param name="Layer">The index of the layer that provides it.</param>
public readonly record struct MergedFile(FileRecord Record, int Layer);

/// <summary>A file that a later layer deleted (whiteout, opaque directory, or a parent replaced by a non-directory).
/// It is gone from the merged view but kept as history: hiding something in a deleted layer does not hide it from us.</summary>
/// <param name="Record">The census record from the layer that added it.</param>
/// <param name="Layer">The index of the layer that added it.</param>
/// <param name="DeletedBy">The index of the layer that deleted it.</param>
public readonly record struct DeletedFile(FileRecord Record, int Layer, int DeletedBy);
