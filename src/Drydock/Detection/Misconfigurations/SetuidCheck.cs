namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.8: setuid or setgid files beyond the distribution's usual set (<see cref="SetuidBaseline"/>).</summary>
public sealed class SetuidCheck : ImageCheck
{
    private const int MaxListed = 50;

    public override string Id => "extra-setuid-setgid";
    public override string? Cis => "4.8";
    public override string Severity => "medium";
    public override string Title => "Setuid or setgid files beyond the distribution's usual set";
    public override string Fix => "Remove the special bits where they are not needed (RUN chmod u-s,g-s FILE), or the files themselves";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var family = SetuidBaseline.FamilyOf(input.Os?.Family);
        var extra = input.Image.Merged.Files.Values
            .Where(f => (f.Record.IsSetUid || f.Record.IsSetGid) && !SetuidBaseline.IsUsual(family, f.Record.Path))
            .OrderBy(f => f.Record.Path, StringComparer.Ordinal)
            .Select(f => $"/{f.Record.Path} ({MergedFiles.SpecialBits(f.Record)}, owner {f.Record.Uid}:{f.Record.Gid}, mode {Convert.ToString(f.Record.Mode & 0xfff, 8)})")
            .ToList();
        if (extra.Count == 0)
        {
            return null;
        }

        var shown = extra.Take(MaxListed).ToList();
        if (extra.Count > MaxListed)
        {
            shown.Add($"… and {extra.Count - MaxListed} more");
        }

        shown.Add($"(compared with the {family} baseline)");
        return shown;
    }
}
