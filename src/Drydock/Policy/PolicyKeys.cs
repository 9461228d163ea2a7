namespace Drydock.Policy;

/// <summary>Every key schema version 1 knows, by section (the JSON Schema in docs/policy.schema.json must agree; a test checks).</summary>
public static class PolicyKeys
{
    /// <summary>The section name of the top level.</summary>
    public const string Root = "";

    /// <summary>The section name of one <c>exceptions</c> entry.</summary>
    public const string ExceptionEntry = "exceptions[]";

    /// <summary>Keys by section; the top level is <see cref="Root"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Root] = ["version", "registries", "base", "vulnerabilities", "malware", "secrets", "misconfigurations", "sandbox", "maxAge", "exceptions"],
        ["registries"] = ["allow"],
        ["base"] = ["require"],
        ["vulnerabilities"] = ["maxSeverity", "onlyFixable", "onlyKev"],
        ["malware"] = ["deny", "minConfidence"],
        ["secrets"] = ["deny"],
        ["misconfigurations"] = ["deny"],
        ["sandbox"] = ["require"],
        [ExceptionEntry] = ["id", "image", "expires", "reason"],
    };

    /// <summary>The values <c>vulnerabilities.maxSeverity</c> takes, most permissive last.</summary>
    public static IReadOnlyList<string> MaxSeverities { get; } = ["none", "unknown", "low", "medium", "high", "critical"];

    /// <summary>The values <c>sandbox.require</c> takes: the verdict must be clean, or anything but malicious.</summary>
    public static IReadOnlyList<string> SandboxRequirements { get; } = ["clean", "not-malicious"];

    /// <summary>The values <c>malware.minConfidence</c> takes.</summary>
    public static IReadOnlyList<string> Confidences { get; } = ["low", "medium", "high"];
}
