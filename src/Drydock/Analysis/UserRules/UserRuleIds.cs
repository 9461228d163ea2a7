namespace Drydock.Analysis.UserRules;

/// <summary>The rule-id prefixes of user-supplied rules, so that reports can say a finding came from the user's rules.</summary>
public static class UserRuleIds
{
    /// <summary>YARA rules: <c>yara/NAMESPACE/RULE</c>.</summary>
    public const string Yara = "yara/";

    /// <summary>IOC hash lists: <c>ioc/sha256</c>.</summary>
    public const string Ioc = "ioc/";

    /// <summary>ClamAV daemon signatures: <c>clamd/SIGNATURE</c>.</summary>
    public const string Clamd = "clamd/";

    /// <summary>True when <paramref name="ruleId"/> names a user-supplied rule.</summary>
    public static bool IsUserRule(string ruleId)
        => ruleId.StartsWith(Yara, StringComparison.Ordinal) || ruleId.StartsWith(Ioc, StringComparison.Ordinal) || ruleId.StartsWith(Clamd, StringComparison.Ordinal);
}
