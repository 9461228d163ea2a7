using System.Text.Json;
using Drydock.Analysis;
using Drydock.Detection.Misconfigurations;
using Drydock.Reporting.Malware;
using Drydock.Scanning;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Detection.Misconfigurations;

/// <summary>Image configuration checks on real images: the misconfig image fails each check it was built to fail,
/// the Debian minbase image only the two its plain configuration fails.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class ImageCheckTests(TestImages images)
{
    private static ImageCheckInput InputOf(ScanResult result) => new(MalwareReportBuilder.InputOf(result), result.Os);

    private static IReadOnlyList<MisconfigurationFinding> Run(ImageCheckInput input) => ImageChecks.Run(input, ImageChecks.Default());

    [Fact]
    public async Task The_misconfig_image_fails_each_check_with_its_evidence()
    {
        var findings = Run(InputOf(await ImageScans.ScanAsync(images, "misconfig", Scanners.Misconfigurations))).ToDictionary(f => f.Id);
        Assert.Equal(["extra-setuid-setgid", "latest-base-tag", "no-healthcheck", "package-cache", "remote-add", "root-user", "ssh-port-exposed",
            "sshd-present", "sudo-present", "update-alone"], findings.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(("4.1", "high"), (findings["root-user"].Cis, findings["root-user"].Severity));
        Assert.Equal("4.6", findings["no-healthcheck"].Cis);
        Assert.Equal("4.8", findings["extra-setuid-setgid"].Cis);
        Assert.Equal("4.9", findings["remote-add"].Cis);
        Assert.Equal("4.7", findings["update-alone"].Cis);
        Assert.All(findings.Values, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));

        // Only the extra binary: sudo's setuid bit is in Debian's usual set (and reported as sudo-present).
        var setuid = findings["extra-setuid-setgid"].Evidence;
        Assert.Contains("/usr/local/bin/rootshell (setuid, owner 0:0, mode 4755)", setuid);
        Assert.DoesNotContain(setuid, e => e.Contains("/usr/bin/sudo", StringComparison.Ordinal));
        Assert.Equal(["/usr/bin/sudo (setuid)"], findings["sudo-present"].Evidence);
        Assert.Equal(["/usr/sbin/sshd"], findings["sshd-present"].Evidence);
        Assert.Equal(["EXPOSE 22/tcp"], findings["ssh-port-exposed"].Evidence);
        Assert.Equal(["history 1: ADD https://example.com/app.tar.gz /opt/app/"], findings["remote-add"].Evidence);
        Assert.Equal(["history 2: RUN /bin/sh -c apt-get update"], findings["update-alone"].Evidence);
        Assert.Equal(["history 0: FROM debian:latest"], findings["latest-base-tag"].Evidence);
        var caches = findings["package-cache"].Evidence;
        Assert.Equal(2, caches.Count);
        Assert.StartsWith("/root/.npm (npm cache): 1 files", caches[0], StringComparison.Ordinal);
        Assert.StartsWith("/var/lib/apt/lists (apt package lists): 2 files", caches[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_debian_image_fails_only_root_user_and_healthcheck()
    {
        var findings = Run(InputOf(await ImageScans.ScanAsync(images, "debian", Scanners.Misconfigurations)));
        Assert.Equal(["root-user", "no-healthcheck"], findings.Select(f => f.Id));
    }

    [Fact]
    public async Task The_secrets_image_fails_the_secrets_in_config_check_pointing_at_the_entries()
    {
        var findings = Run(InputOf(await ImageScans.ScanAsync(images, "secrets", Scanners.Misconfigurations)));
        var secrets = Assert.Single(findings, f => f.Id == "secret-in-config");
        Assert.Equal(("4.10", "critical"), (secrets.Cis, secrets.Severity));
        // In configuration order: Env, labels, then history steps, each entry's secrets in the order they appear.
        Assert.Equal(["Env DB_PASSWORD: secret-assignment (see secrets)", "Env API_TOKEN: github-token (see secrets)",
            "Label com.example.api-token: secret-assignment (see secrets)", "history 1: npm-access-token (see secrets)",
            "history 2: secret-assignment (see secrets)", "history 2: github-token (see secrets)"], secrets.Evidence);
        Assert.All(ImageScans.RawSecrets(images), raw => Assert.DoesNotContain(findings.SelectMany(f => f.Evidence), e => e.Contains(raw, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("10001", null, new string[0])]
    [InlineData("app:app", "[\"CMD\",\"true\"]", new string[0])]
    [InlineData("", "[\"CMD-SHELL\",\"curl -f http://localhost/\"]", new[] { "root-user" })]
    [InlineData("root:root", "[\"NONE\"]", new[] { "root-user", "no-healthcheck" })]
    [InlineData("0", null, new[] { "root-user" })]
    public async Task User_and_healthcheck_follow_the_configuration(string user, string? test, string[] failed)
    {
        var input = InputOf(await ImageScans.ScanAsync(images, "busybox", Scanners.Misconfigurations));
        var config = input.Image.Config!;
        var healthcheck = JsonDocument.Parse("{\"Test\":" + (test ?? "[\"CMD\",\"/bin/true\"]") + ",\"Interval\":30000000000}").RootElement;
        var changed = input with
        {
            Image = input.Image with { Config = config with { Config = config.Config! with { User = user, Healthcheck = healthcheck } } },
        };
        Assert.Equal(failed, Run(changed).Select(f => f.Id).Where(id => id is "root-user" or "no-healthcheck"));
    }

    [Theory]
    [InlineData("debian", true)]
    [InlineData("debian:latest", true)]
    [InlineData("localhost:5000/team/app", true)]
    [InlineData("debian:12.8-slim", false)]
    [InlineData("debian@sha256:0123", false)]
    [InlineData("scratch", false)]
    [InlineData("${BASE}", false)]
    public void Latest_tag_is_a_missing_or_latest_tag_without_digest(string reference, bool latest)
        => Assert.Equal(latest, LatestBaseTagCheck.IsLatest(reference));

    [Theory]
    [InlineData("debian", "usr/bin/passwd", true)]
    [InlineData("ubuntu", "bin/su", true)]
    [InlineData("debian", "usr/local/bin/su", false)]
    [InlineData("alpine", "bin/bbsuid", true)]
    [InlineData("alpine", "usr/bin/pkexec", false)]
    [InlineData("rocky", "usr/bin/pkexec", true)]
    [InlineData("busybox", "bin/bbsuid", true)]
    [InlineData("busybox", "opt/tool", false)]
    public void Setuid_baselines_are_per_family(string os, string path, bool usual)
        => Assert.Equal(usual, SetuidBaseline.IsUsual(SetuidBaseline.FamilyOf(os), path));
}
