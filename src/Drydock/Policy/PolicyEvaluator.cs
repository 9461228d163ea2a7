namespace Drydock.Policy;

/// <summary>Evaluates every rule of a policy against a <see cref="PolicySubject"/>. A rule whose input is missing (a
/// scanner that did not run, no advisory database, no creation time) fails: a policy is never passed by not looking.</summary>
public static class PolicyEvaluator
{
    /// <summary>How many violations a reason line names before "and N more".</summary>
    private const int NamedInReason = 3;

    /// <summary>The decision for <paramref name="subject"/> at <paramref name="now"/> (which also decides expiry).</summary>
    public static PolicyDecision Evaluate(PolicyDocument policy, PolicySubject subject, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var forImage = policy.Exceptions.Where(e => e.Image is null || (subject.Registry is not null && e.Image.Matches(subject.Registry, subject.Repository!))).ToList();
        var exemptions = new Exemptions([.. forImage.Where(e => e.Expires >= today)]);
        var rules = new List<RuleOutcome>();
        if (policy.AllowedRegistries is { } allowed)
        {
            rules.Add(Registries(allowed, subject));
        }

        if (policy.Base is { } baseRequirement)
        {
            rules.Add(Base(baseRequirement, subject));
        }

        if (policy.Vulnerabilities is { } limit)
        {
            rules.Add(Vulnerabilities(limit, subject, exemptions));
        }

        if (policy.Malware is { } malware)
        {
            rules.Add(Malware(malware, subject, exemptions));
        }

        if (policy.DenySecrets)
        {
            rules.Add(Secrets(subject, exemptions));
        }

        if (policy.DeniedMisconfigurations is { } denied)
        {
            rules.Add(Misconfigurations(denied, subject, exemptions));
        }

        if (policy.SandboxRequirement is { } requirement)
        {
            rules.Add(Sandbox(requirement, subject));
        }

        if (policy.MaxAge is { } maxAge)
        {
            rules.Add(Age(maxAge, subject, now));
        }

        return new PolicyDecision
        {
            Policy = policy.Source,
            Image = new PolicyImage(subject.Reference, subject.Transport, subject.Registry, subject.Repository, subject.Digest, subject.Created, subject.Base),
            Passed = rules.All(r => r.Passed),
            EvaluatedAt = now,
            Rules = rules,
            ExpiredExceptions = [.. forImage.Where(e => e.Expires < today).Select(e => new ExemptionReport(e.Id, e.Image?.Text, e.Expires, e.Reason, e.Line))],
        };
    }

    private static RuleOutcome Registries(IReadOnlyList<ImagePattern> allowed, PolicySubject subject)
    {
        if (subject.Registry is null)
        {
            return Fail("registries", $"{subject.Reference} is not read from a registry ({subject.Transport}); registries.allow admits registry images only");
        }

        var name = $"{subject.Registry}/{subject.Repository}";
        return allowed.FirstOrDefault(p => p.Matches(subject.Registry, subject.Repository!)) is { } match
            ? Pass("registries", $"{name} matches '{match.Text}'")
            : Fail("registries", $"{name} is not in registries.allow ({string.Join(", ", allowed.Select(p => p.Text))})");
    }

    private static RuleOutcome Base(BaseRequirement requirement, PolicySubject subject)
    {
        if (subject.Base is not { } found)
        {
            return Fail("base", subject.BaseDetected ? "no hardened base detected: the image is not built on a catalog base" : "no base catalog configured: add hardened bases with 'drydock base add' (or name the project database with --db)");
        }

        var described = found.Digest is null ? found.Name : $"{found.Name} ({found.Digest})";
        if (requirement.Names is not { } names)
        {
            return Pass("base", $"built on the catalog base {described}");
        }

        var reference = TryParse(found.Name);
        return names.FirstOrDefault(p => reference is not null ? p.Matches(reference) : p.Text == found.Name) is { } match
            ? Pass("base", $"built on {described}, which matches '{match.Text}'")
            : Fail("base", $"built on {described}, which is not one of the required bases ({string.Join(", ", names.Select(n => n.Text))})");
    }

    private static RuleOutcome Vulnerabilities(VulnerabilityLimit limit, PolicySubject subject, Exemptions exemptions)
    {
        if (subject.VulnerabilitiesNotChecked is { } why)
        {
            return Fail("vulnerabilities", $"vulnerabilities were not checked: {why}");
        }

        var max = Rank(limit.MaxSeverity);
        var counted = subject.Vulnerabilities.Where(v => (!limit.OnlyFixable || v.Fixable) && (!limit.OnlyKev || v.Kev)).ToList();
        var over = counted.Where(v => Rank(v.Severity) > max).OrderByDescending(v => Rank(v.Severity)).ThenBy(v => v.Id, StringComparer.Ordinal);
        var kind = (limit.OnlyFixable, limit.OnlyKev) switch
        {
            (true, true) => "fixable KEV ",
            (true, false) => "fixable ",
            (false, true) => "KEV ",
            _ => "",
        };
        var (violations, excepted) = exemptions.Split(over, v => [v.Id, .. v.Aliases], v => $"{v.Severity}{(v.Kev ? ", KEV" : "")}{(v.Fixable ? ", fixable" : "")}: {v.Package} {v.Version}");
        var limitText = limit.MaxSeverity == "none" ? "where none is admitted" : $"above {limit.MaxSeverity}";
        return violations.Count == 0
            ? Pass("vulnerabilities", $"no {kind}finding {limitText} ({counted.Count} {kind}finding{(counted.Count == 1 ? "" : "s")} in all{ExceptedNote(excepted)})", excepted)
            : Fail("vulnerabilities", $"{Count(violations.Count, kind + "finding")} {limitText}: {Named(violations)}", violations, excepted);
    }

    private static RuleOutcome Malware(MalwareDenial denial, PolicySubject subject, Exemptions exemptions)
    {
        if (subject.MalwareNotChecked is { } why)
        {
            return Fail("malware", $"malicious content was not checked: {why}");
        }

        var denied = subject.Malware.Where(m => denial.Categories.Contains(m.Category) && m.Confidence >= denial.MinConfidence).ToList();
        static IEnumerable<string> Ids(PolicyMalware m) => m.Sha256 is null ? [m.RuleId] : [m.RuleId, m.Sha256];
        var (violations, excepted) = exemptions.Split(denied, Ids,
            m => $"{m.Category}, {m.Confidence.ToString().ToLowerInvariant()} confidence: {m.Title}{(m.Path is null ? "" : " at " + m.Path)}");
        if (violations.Count == 0)
        {
            return Pass("malware", $"no finding in a denied category (verdict {subject.Verdict ?? "unknown"}{ExceptedNote(excepted)})", excepted);
        }

        var byCategory = exemptions.Unexcepted(denied, Ids)
            .GroupBy(m => m.Category).Select(g => $"{g.Key} ({g.Count()})");
        return Fail("malware", $"{Count(violations.Count, "finding")} in denied categories: {string.Join(", ", byCategory)}; {NamedIds(violations)}", violations, excepted);
    }

    private static RuleOutcome Sandbox(string requirement, PolicySubject subject)
    {
        if (subject.SandboxVerdict is not { } verdict)
        {
            return Fail("sandbox", "the image was not run in the sandbox (run the check with --sandbox)");
        }

        var passed = verdict == "clean" || (requirement == "not-malicious" && verdict != "malicious");
        var why = subject.SandboxReasons.Count == 0 ? "" : ": " + string.Join("; ", subject.SandboxReasons.Take(NamedInReason))
            + (subject.SandboxReasons.Count > NamedInReason ? $" and {subject.SandboxReasons.Count - NamedInReason} more" : "");
        return passed
            ? Pass("sandbox", $"sandbox verdict {verdict} (required: {requirement}){why}")
            : Fail("sandbox", $"sandbox verdict {verdict}, required {requirement}{why}");
    }

    private static RuleOutcome Secrets(PolicySubject subject, Exemptions exemptions)
    {
        if (subject.SecretsNotChecked is { } why)
        {
            return Fail("secrets", $"secrets were not checked: {why}");
        }

        var (violations, excepted) = exemptions.Split(subject.Secrets, s => [s.RuleId], s => $"{s.Severity} in {s.Where}");
        return violations.Count == 0
            ? Pass("secrets", $"no secret found{ExceptedNote(excepted)}", excepted)
            : Fail("secrets", $"{Count(violations.Count, "secret")} found: {Named(violations)}", violations, excepted);
    }

    private static RuleOutcome Misconfigurations(IReadOnlyList<string> denied, PolicySubject subject, Exemptions exemptions)
    {
        if (subject.MisconfigurationsNotChecked is { } why)
        {
            return Fail("misconfigurations", $"the image configuration was not checked: {why}");
        }

        var (violations, excepted) = exemptions.Split(subject.Misconfigurations.Where(m => denied.Contains(m.Id)), m => [m.Id], m => $"{m.Severity}: {m.Title}");
        return violations.Count == 0
            ? Pass("misconfigurations", $"no denied check failed ({string.Join(", ", denied)}){ExceptedNote(excepted, leading: " ")}", excepted)
            : Fail("misconfigurations", $"denied checks failed: {string.Join(", ", violations.Select(v => v.Id))}", violations, excepted);
    }

    private static RuleOutcome Age(TimeSpan maxAge, PolicySubject subject, DateTimeOffset now)
    {
        if (subject.Created is not { } created)
        {
            return Fail("maxAge", "the image configuration has no creation time");
        }

        var age = now - created;
        var text = $"created {created.UtcDateTime:yyyy-MM-dd} ({Describe(age)} ago)";
        return age <= maxAge
            ? Pass("maxAge", $"{text}, within {Describe(maxAge)}")
            : Fail("maxAge", $"{text}, older than {Describe(maxAge)}");
    }

    private static string Describe(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays}d"
        : $"{Math.Max(0, (int)span.TotalHours)}h";

    private static int Rank(string severity) => severity switch
    {
        "none" => -1,
        "low" => 1,
        "medium" => 2,
        "high" => 3,
        "critical" => 4,
        _ => 0,
    };

    private static References.RegistryReference? TryParse(string name)
    {
        try
        {
            return References.RegistryReference.Parse(name);
        }
        catch (References.ReferenceParseException)
        {
            return null;
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Named(IReadOnlyList<PolicyViolation> violations)
    {
        var named = string.Join("; ", violations.Take(NamedInReason).Select(v => $"{v.Id} ({v.Detail})"));
        return violations.Count > NamedInReason ? $"{named}; and {violations.Count - NamedInReason} more" : named;
    }

    private static string NamedIds(IReadOnlyList<PolicyViolation> violations)
    {
        var ids = violations.Select(v => v.Id).Distinct().ToList();
        var named = string.Join(", ", ids.Take(NamedInReason));
        return ids.Count > NamedInReason ? $"{named} and {ids.Count - NamedInReason} more" : named;
    }

    private static string ExceptedNote(IReadOnlyList<ExceptedFinding> excepted, string leading = "; ")
        => excepted.Count == 0 ? "" : $"{leading}{Count(excepted.Count, "finding")} excepted: {string.Join(", ", excepted.Select(e => e.Id).Distinct())}";

    private static RuleOutcome Pass(string rule, string reason, IReadOnlyList<ExceptedFinding>? excepted = null) => new(rule, true, reason, [], excepted ?? []);

    private static RuleOutcome Fail(string rule, string reason, IReadOnlyList<PolicyViolation>? violations = null, IReadOnlyList<ExceptedFinding>? excepted = null)
        => new(rule, false, reason, violations ?? [], excepted ?? []);

    /// <summary>The exceptions in force for the image, by finding id.</summary>
    private sealed class Exemptions(IReadOnlyList<PolicyExemption> active)
    {
        private readonly Dictionary<string, PolicyExemption> _byId = active
            .GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Expires)!, StringComparer.OrdinalIgnoreCase);

        /// <summary>The findings no exception accepts.</summary>
        public IEnumerable<T> Unexcepted<T>(IEnumerable<T> findings, Func<T, IEnumerable<string>> ids)
            => findings.Where(f => !ids(f).Any(_byId.ContainsKey));

        /// <summary>Splits findings into violations and those an exception accepts (matched by any of their ids).</summary>
        public (List<PolicyViolation> Violations, List<ExceptedFinding> Excepted) Split<T>(IEnumerable<T> findings, Func<T, IEnumerable<string>> ids, Func<T, string> detail)
        {
            var violations = new List<PolicyViolation>();
            var excepted = new List<ExceptedFinding>();
            foreach (var finding in findings)
            {
                var keys = ids(finding).ToList();
                var exemption = keys.Select(k => _byId.GetValueOrDefault(k)).FirstOrDefault(e => e is not null);
                if (exemption is null)
                {
                    violations.Add(new PolicyViolation(keys[0], detail(finding)));
                }
                else
                {
                    excepted.Add(new ExceptedFinding(keys[0], detail(finding), exemption.Expires, exemption.Reason));
                }
            }

            return (violations, excepted);
        }
    }
}
