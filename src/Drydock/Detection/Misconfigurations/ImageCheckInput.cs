using Drydock.Analysis.Os;
using Drydock.Detection.Malware;

namespace Drydock.Detection.Misconfigurations;

/// <summary>What configuration checks see: the merged image, its configuration and inventory, and its OS.</summary>
/// <param name="Image">The merged layers, inventory, configuration and diff-IDs.</param>
/// <param name="Os">The detected operating system, when known.</param>
public sealed record ImageCheckInput(DetectionInput Image, OsInfo? Os);
