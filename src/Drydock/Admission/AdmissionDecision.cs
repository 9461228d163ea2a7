namespace Drydock.Admission;

/// <summary>The webhook's decision on one request: allowed or not, the one-line message, warnings for kubectl, and each image's verdict.</summary>
public sealed record AdmissionDecision(bool Allowed, string Message, IReadOnlyList<string> Warnings, IReadOnlyList<ImageVerdict> Images);
