namespace Drydock.Analysis.Secrets;

/// <summary>How a <see cref="SecretScanner"/> search ended.</summary>
public enum ScanStop
{
    /// <summary>The whole buffer was searched.</summary>
    Complete,

    /// <summary>The match limit was reached.</summary>
    Limit,

    /// <summary>Too many anchor hits matched nothing (a file made of keywords); the rest was not searched.</summary>
    Budget,
}
