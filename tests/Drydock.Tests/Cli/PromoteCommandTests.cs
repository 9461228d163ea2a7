using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Drydock.Policy.Output;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Cli;

/// <summary><c>drydock promote</c> end to end: the policy gate, then a copy between two real registries on loopback (plain
/// source, htpasswd destination) checked with skopeo.</summary>
[Collection(PromotionCollection.Name)]
public sealed class PromoteCommandTests(PromotionFixture registries)
{
    private readonly string _dir = RepoPaths.Scratch("promote");

    private async Task<string> PolicyAsync(string body)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".yaml");
        await File.WriteAllTextAsync(path, "version: 1\n" + body);
        return path;
    }

    private Task<string> PassingPolicyAsync() => PolicyAsync("malware:\n  deny: [coin-miner, hacking-tool]\n");

    private static string NewRepository(string prefix) => $"{prefix}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs promote with the htpasswd registry's password on standard input.</summary>
    private Task<CliRunner.Run> PromoteAsync(string password, string source, string destination, string policy, params string[] extra)
        => CliRunner.WithInputAsync(password, ["promote", source, destination, "--policy", policy, "--username", RegistryServer.User, "--password-stdin",
            "--scanners", "malware", "--cache-dir", Path.Combine(_dir, "cache"), "-q", .. extra]);

    private static async Task<string> RawManifestAsync(string reference, bool basic)
    {
        List<string> args = ["inspect", "--raw", "--tls-verify=false"];
        if (basic)
        {
            args.AddRange(["--creds", $"{RegistryServer.User}:{RegistryServer.Password}"]);
        }

        args.Add("docker://" + reference);
        var result = await ProcessRunner.RunAsync("skopeo", args, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    private static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_passing_image_is_copied_byte_for_byte_and_a_second_promotion_skips_every_blob()
    {
        var source = $"{registries.Source.Host}/test/busybox:latest";
        var destination = $"{registries.Destination.Host}/{NewRepository("promoted")}:1.0";
        var policy = await PassingPolicyAsync();

        var run = await PromoteAsync(RegistryServer.Password, source, destination, policy);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var sourceRaw = await RawManifestAsync(source, basic: false);
        var copiedRaw = await RawManifestAsync(destination, basic: true);
        Assert.Equal(sourceRaw, copiedRaw);
        var digest = Sha256(copiedRaw);
        Assert.Contains("PASS  malware", run.Stdout);
        Assert.Contains($"promoted to {destination} ({digest}): 2 blobs copied", run.Stdout);
        Assert.Contains("0 mounted, 0 already present", run.Stdout);

        var again = await PromoteAsync(RegistryServer.Password, source, destination, policy, "--format", "json");
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        using var json = JsonDocument.Parse(again.Stdout);
        var blobs = json.RootElement.GetProperty("blobs");
        Assert.Equal((0, 0, 2), (blobs.GetProperty("copied").GetInt32(), blobs.GetProperty("mounted").GetInt32(), blobs.GetProperty("skipped").GetInt32()));
        Assert.Equal(0, json.RootElement.GetProperty("bytesCopied").GetInt64());
        Assert.Equal(digest, json.RootElement.GetProperty("digest").GetString());
        Assert.True(json.RootElement.GetProperty("policy").GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_multi_platform_index_keeps_its_digest_and_every_platform()
    {
        var source = $"{registries.Source.Host}/test/multi:latest";
        var destination = $"{registries.Destination.Host}/{NewRepository("multi")}:latest";
        var run = await PromoteAsync(RegistryServer.Password, source, destination, await PassingPolicyAsync(), "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var sourceRaw = await RawManifestAsync(source, basic: false);
        Assert.Equal(sourceRaw, await RawManifestAsync(destination, basic: true));
        Assert.Equal(Sha256(sourceRaw), json.RootElement.GetProperty("digest").GetString());
        Assert.Equal(MediaTypes.OciIndex, json.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(["linux/amd64", "linux/arm64"], json.RootElement.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, json.RootElement.GetProperty("manifests").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("policies").GetArrayLength());

        // Each platform's manifest is there by digest, byte for byte.
        using var index = JsonDocument.Parse(sourceRaw);
        foreach (var entry in index.RootElement.GetProperty("manifests").EnumerateArray())
        {
            var child = entry.GetProperty("digest").GetString()!;
            var repository = destination[..destination.LastIndexOf(':')];
            Assert.Equal(child, Sha256(await RawManifestAsync($"{repository}@{child}", basic: true)));
        }
    }

    [Fact]
    public async Task Every_platform_of_an_index_must_pass_not_only_the_one_scanned_first()
    {
        await registries.Images.EnsureAsync("miner");
        var layout = await RegistryFixture.WriteIndexLayoutAsync(registries.Images, Path.Combine(_dir, "mixed-" + Guid.NewGuid().ToString("N")[..8]),
            [("busybox", "amd64"), ("miner", "arm64")]);
        var repository = NewRepository("mixed");
        await registries.Source.PushAsync($"oci:{layout}:multi", $"{repository}:latest", all: true);
        var destination = NewRepository("mixed-promoted");
        var run = await PromoteAsync(RegistryServer.Password, $"{registries.Source.Host}/{repository}:latest", $"{registries.Destination.Host}/{destination}:1",
            await PassingPolicyAsync(), "--format", "json");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("promoted").GetBoolean());
        var policies = json.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal([true, false], policies.Select(p => p.GetProperty("passed").GetBoolean()));
        var refused = json.RootElement.GetProperty("policy");
        Assert.Contains("@sha256:", refused.GetProperty("image").GetProperty("reference").GetString());
        Assert.Contains(refused.GetProperty("rules").EnumerateArray(), r => r.GetProperty("rule").GetString() == "malware" && !r.GetProperty("passed").GetBoolean());

        await using var client = new RegistryClient(registries.Destination.Host, new SourceOptions(),
            new ExplicitCredentialProvider(registries.Destination.Host, new RegistryCredential(RegistryServer.User, RegistryServer.Password), null));
        await Assert.ThrowsAsync<DrydockInputException>(() => client.FetchManifestAsync(destination, "1", CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_policy_prints_the_failed_rule_and_copies_nothing()
    {
        var source = $"{registries.Source.Host}/test/busybox:latest";
        var repository = NewRepository("refused");
        var policy = await PolicyAsync("registries:\n  allow: [\"registry.example.com/hardened/*\"]\n");
        var run = await PromoteAsync(RegistryServer.Password, source, $"{registries.Destination.Host}/{repository}:1.0", policy);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL  registries", run.Stdout);
        Assert.Contains("not promoted", run.Stdout);

        await using var client = new RegistryClient(registries.Destination.Host, new SourceOptions(),
            new ExplicitCredentialProvider(registries.Destination.Host, new RegistryCredential(RegistryServer.User, RegistryServer.Password), null));
        await using var plain = new RegistryClient(registries.Source.Host, new SourceOptions());
        var manifest = (await plain.FetchManifestAsync("test/busybox", "latest", CancellationToken.None)).Parse("busybox").Manifest!;
        foreach (var blob in manifest.Layers!.Append(manifest.Config!))
        {
            Assert.False(await client.BlobExistsAsync(repository, Digest.Parse(blob.Digest!), blob.Size, CancellationToken.None));
        }

        await Assert.ThrowsAsync<DrydockInputException>(() => client.FetchManifestAsync(repository, "1.0", CancellationToken.None));
    }

    [Fact]
    public async Task Within_one_registry_every_blob_is_mounted()
    {
        var source = $"{registries.Source.Host}/test/busybox:latest";
        var destination = $"{registries.Source.Host}/{NewRepository("mounted")}:1.0";
        var run = await CliRunner.InProcessAsync("promote", source, destination, "--policy", await PassingPolicyAsync(), "--format", "json",
            "--scanners", "malware", "--cache-dir", Path.Combine(_dir, "cache"), "-q");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var blobs = json.RootElement.GetProperty("blobs");
        Assert.Equal((0, 2, 0), (blobs.GetProperty("copied").GetInt32(), blobs.GetProperty("mounted").GetInt32(), blobs.GetProperty("skipped").GetInt32()));
        Assert.Equal(await RawManifestAsync(source, basic: false), await RawManifestAsync(destination, basic: false));
    }

    [Fact]
    public async Task As_base_adds_the_promoted_image_to_the_catalog()
    {
        var db = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".db");
        var repository = NewRepository("hardened");
        var destination = $"{registries.Destination.Host}/{repository}:12";
        var run = await PromoteAsync(RegistryServer.Password, $"{registries.Source.Host}/test/busybox:latest", destination, await PassingPolicyAsync(), "--as-base", "--db", db);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("added to the hardened base catalog", run.Stdout);

        var list = await CliRunner.InProcessAsync("base", "list", "--db", db, "--format", "json");
        Assert.Equal(0, list.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal($"{registries.Destination.Host}/{repository}", entry.GetProperty("repository").GetString());
        Assert.Equal(["12"], entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_promoted_base_is_recognised_under_derived_images_and_marks_their_packages()
    {
        await registries.Images.EnsureAsync("alpine");
        var db = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".db");
        var id = Guid.NewGuid().ToString("N")[..8];
        await registries.Source.PushAsync($"oci:{registries.Images.OciLayout("alpine")}:3.19", $"upstream/alpine-{id}:3");
        var promoted = await PromoteAsync(RegistryServer.Password, $"{registries.Source.Host}/upstream/alpine-{id}:3", $"{registries.Destination.Host}/hardened/alpine-{id}:3",
            await PassingPolicyAsync(), "--as-base", "--db", db);
        Assert.True(promoted.ExitCode == 0, promoted.Stdout + promoted.Stderr);

        // An application built FROM the promoted base, with one npm package of its own.
        var derived = Path.Combine(_dir, "derived-" + id);
        DerivedLayout.Write(registries.Images.OciLayout("alpine"), derived, "v1",
            [new TarBuilder().File("app/node_modules/left-pad/package.json", """{"name":"left-pad","version":"1.3.0"}""").Build()]);
        await registries.Source.PushAsync($"oci:{derived}:v1", $"apps/derived-{id}:v1");
        var app = $"{registries.Source.Host}/apps/derived-{id}:v1";

        var scan = await CliRunner.InProcessAsync("scan", app, "--db", db, "--format", "json", "--scanners", "secret", "-q", "--no-cache");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var report = scan.Report;
        Assert.Equal($"{registries.Destination.Host}/hardened/alpine-{id}", report.Base!.Repository);
        Assert.Contains(report.Packages, p => p.Type == "apk" && p.FromBase);
        Assert.All(report.Packages.Where(p => p.Type == "apk"), p => Assert.True(p.FromBase, p.Name));
        Assert.Contains(report.Packages, p => p.Name == "left-pad" && !p.FromBase);

        var gate = await CliRunner.InProcessAsync("policy", "check", app, "--policy", await PolicyAsync("base:\n  require: hardened\n"), "--db", db,
            "--scanners", "secret", "-q", "--no-cache");
        Assert.True(gate.ExitCode == 0, gate.Stdout + gate.Stderr);
        Assert.Contains($"built on the catalog base {registries.Destination.Host}/hardened/alpine-{id}:3", gate.Stdout);
    }

    [Fact]
    public async Task A_wrong_password_is_one_line_and_exit_2()
    {
        var run = await PromoteAsync("not-the-password", $"{registries.Source.Host}/test/busybox:latest", $"{registries.Destination.Host}/{NewRepository("denied")}:1",
            await PassingPolicyAsync());
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"drydock: authentication denied for {registries.Destination.Host}/denied/", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("oci:/tmp/nowhere:latest", "127.0.0.1:5000/a/b:1", "promote copies from a registry")]
    [InlineData("127.0.0.1:5000/a/b:1", "oci:/tmp/somewhere", "promote copies into a registry")]
    [InlineData("sbom:image.cdx.json", "127.0.0.1:5000/a/b:1", "promote copies from a registry")]
    [InlineData("report:report.json", "127.0.0.1:5000/a/b:1", "promote copies from a registry")]
    public async Task Sources_and_destinations_outside_a_registry_are_one_line_errors(string source, string destination, string message)
    {
        var run = await CliRunner.InProcessAsync("promote", source, destination, "--policy", await PassingPolicyAsync(), "-q");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"drydock: {message}", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task The_base_rule_tells_a_missing_catalog_from_an_image_not_built_on_a_catalog_base()
    {
        var policy = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + "-base.yaml");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(policy, "version: 1\nbase:\n  require: hardened\n");
        var image = $"{registries.Source.Host}/test/busybox:latest";
        string[] check = ["policy", "check", image, "--policy", policy, "--scanners", "secret", "-q", "--no-cache", "--format", "json"];

        // No database at all (the default file is absent), then an empty one: no catalog either way.
        var data = RepoPaths.Scratch("policy-no-catalog");
        var none = await CliRunner.ProcessAsync(new Dictionary<string, string> { ["XDG_DATA_HOME"] = data, ["DRYDOCK_DB"] = "" }, check);
        Assert.True(none.ExitCode == 1, none.Stdout + none.Stderr);
        Assert.StartsWith("no base catalog configured", BaseReason(none.Stdout));
        var db = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".db");
        var empty = await CliRunner.InProcessAsync([.. check, "--db", db]);
        Assert.StartsWith("no base catalog configured", BaseReason(empty.Stdout));

        // A catalog whose only base (layered: busybox plus two layers) is not under busybox.
        var repository = $"layered-base/{Guid.NewGuid().ToString("N")[..8]}";
        await registries.Source.PushAsync($"oci:{registries.Images.OciLayout("layered")}:{TestImages.TagOf("layered")}", $"{repository}:1");
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "add", $"{registries.Source.Host}/{repository}:1", "--db", db)).ExitCode);
        var other = await CliRunner.InProcessAsync([.. check, "--db", db]);
        Assert.Equal("no hardened base detected: the image is not built on a catalog base", BaseReason(other.Stdout));
    }

    private static string BaseReason(string json) => PolicyJsonWriter.Read(json).Rules.Single(r => r.Rule == "base").Reason;
}
