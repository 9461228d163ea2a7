namespace Drydock.Detection.Misconfigurations;

/// <summary>The explicit list of image configuration checks, and running them.</summary>
public static class ImageChecks
{
    private static readonly string[] SeverityOrder = ["critical", "high", "medium", "low"];

    /// <summary>The checks of a default scan.</summary>
    public static IReadOnlyList<ImageCheck> Default() =>
    [
        new RootUserCheck(),
        new HealthcheckCheck(),
        new UpdateAloneCheck(),
        new SetuidCheck(),
        new RemoteAddCheck(),
        new SecretsInConfigCheck(),
        new SudoCheck(),
        new SshdCheck(),
        new SshPortCheck(),
        new PackageCacheCheck(),
        new LatestBaseTagCheck(),
    ];

    /// <summary>The failed checks, most severe first, then by id.</summary>
    public static IReadOnlyList<MisconfigurationFinding> Run(ImageCheckInput input, IEnumerable<ImageCheck> checks)
        => [.. checks.Select(c => c.Run(input)).OfType<MisconfigurationFinding>()
            .OrderBy(f => Array.IndexOf(SeverityOrder, f.Severity)).ThenBy(f => f.Id, StringComparer.Ordinal)];
}
