namespace Drydock.Detection.Misconfigurations;

/// <summary>One image configuration check: its id, CIS reference, severity, title and fix are fixed; <see cref="Find"/>
/// returns the evidence of a failure, or null when the image passes.</summary>
public abstract class ImageCheck
{
    /// <summary>A stable id, e.g. <c>root-user</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The CIS Docker Benchmark recommendation, where one applies.</summary>
    public virtual string? Cis => null;

    /// <summary>critical, high, medium or low.</summary>
    public abstract string Severity { get; }

    public abstract string Title { get; }

    /// <summary>How to fix a failure.</summary>
    public abstract string Fix { get; }

    /// <summary>The evidence of a failure, or null when <paramref name="input"/> passes.</summary>
    protected abstract IReadOnlyList<string>? Find(ImageCheckInput input);

    /// <summary>Runs the check: a finding on failure, else null.</summary>
    public MisconfigurationFinding? Run(ImageCheckInput input) => Find(input) is { } evidence
        ? new MisconfigurationFinding { Id = Id, Cis = Cis, Severity = Severity, Title = Title, Fix = Fix, Evidence = [.. evidence] }
        : null;
}
