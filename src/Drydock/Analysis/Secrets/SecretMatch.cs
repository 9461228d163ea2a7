namespace Drydock.Analysis.Secrets;

/// <summary>Where a rule matched in a byte buffer (before masking; never stored or reported as is).</summary>
/// <param name="Rule">The rule that matched.</param>
/// <param name="Start">Offset of the whole match.</param>
/// <param name="Length">Length of the whole match.</param>
/// <param name="SecretStart">Offset of the secret part.</param>
/// <param name="SecretLength">Length of the secret part.</param>
public readonly record struct SecretMatch(SecretRule Rule, int Start, int Length, int SecretStart, int SecretLength)
{
    /// <summary>The offset just past the secret.</summary>
    public int SecretEnd => SecretStart + SecretLength;
}
