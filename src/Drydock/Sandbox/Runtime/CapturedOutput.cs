namespace Drydock.Sandbox.Runtime;

/// <summary>The start of what the container wrote to standard output and error.</summary>
/// <param name="Stdout">Up to the capture limit, decoded as UTF-8 (invalid bytes replaced).</param>
/// <param name="Stderr">Up to the capture limit, decoded as UTF-8.</param>
/// <param name="TotalBytes">Every byte written to either stream, captured or not.</param>
public sealed record CapturedOutput(string Stdout, string Stderr, long TotalBytes);
