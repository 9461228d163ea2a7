using Drydock.Advisories;
using Drydock.Detection.Vulnerabilities;

namespace Drydock.Tests.Detection;

/// <summary>The severity precedence: a vendor's word first (shown beside the best CVSS vector), then the vendors' best
/// vector, then NVD's vector, then NVD's word.</summary>
public sealed class SeverityResolverTests
{
    private const string Critical31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    private const string Medium31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N";
    private const string High2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P";

    private static AdvisoryRecord Record(string source, params SeverityEntry[] severities)
        => new("CVE-2024-0001", source, [], null, null, null, false, severities, []);

    [Fact]
    public void A_vendor_word_wins_and_shows_the_vendors_vector_before_nvds()
    {
        var choice = SeverityResolver.Resolve([
            Record("debian", new SeverityEntry("debian", "unimportant", null)),
            Record("ghsa", new SeverityEntry("ghsa", null, Medium31)),
            Record("nvd", new SeverityEntry("nvd", "CRITICAL", Critical31))]);
        Assert.Equal(new SeverityResolver.Choice("low", "debian", 5.3, Medium31), choice);
    }

    [Fact]
    public void A_vendor_word_without_a_vendor_vector_shows_nvds()
    {
        var choice = SeverityResolver.Resolve([
            Record("nvd", new SeverityEntry("nvd", null, Critical31)),
            Record("debian", new SeverityEntry("debian", "important", null))]);
        Assert.Equal(new SeverityResolver.Choice("high", "debian", 9.8, Critical31), choice);
    }

    [Fact]
    public void The_newest_cvss_version_wins_over_an_earlier_entry()
    {
        var choice = SeverityResolver.Resolve([Record("osv", new SeverityEntry("osv", null, High2), new SeverityEntry("osv", null, Medium31))]);
        Assert.Equal(new SeverityResolver.Choice("medium", "cvss", 5.3, Medium31), choice);
    }

    [Fact]
    public void Nvd_counts_only_when_no_vendor_rates_it()
    {
        Assert.Equal(new SeverityResolver.Choice("critical", "nvd", 9.8, Critical31),
            SeverityResolver.Resolve([Record("nvd", new SeverityEntry("nvd", "LOW", Critical31))]));
        Assert.Equal(new SeverityResolver.Choice("low", "nvd", null, null),
            SeverityResolver.Resolve([Record("nvd", new SeverityEntry("nvd", "not a word", null), new SeverityEntry("NVD", "LOW", "not a vector"))]));
        Assert.Equal(new SeverityResolver.Choice("unknown", "none", null, null), SeverityResolver.Resolve([Record("osv")]));
    }
}
