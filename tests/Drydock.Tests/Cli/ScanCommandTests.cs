using Drydock.Tests.Fixtures;
using Drydock.Tests.Sources;

namespace Drydock.Tests.Cli;

[Collection(RegistryCollection.Name)]
public sealed class ScanCommandTests(RegistryFixture registries)
{
    private TestImages Images => registries.Images;

    private static void AssertOneLineError(CliRunner.Run run, int code = 2)
    {
        Assert.Equal(code, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("drydock: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Version_and_help_exit_zero()
    {
        Assert.Equal(0, (await CliRunner.InProcessAsync("--version")).ExitCode);
        var help = await CliRunner.InProcessAsync("scan", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--platform", help.Stdout);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("scan", "x", "--format", "xml")]
    [InlineData("scan", "x", "--parallel", "zero")]
    [InlineData("frobnicate")]
    public async Task Bad_usage_is_exit_two_with_one_line(params string[] args) => AssertOneLineError(await CliRunner.InProcessAsync(args));

    [Theory]
    [InlineData("oci:/nonexistent/layout")]
    [InlineData("docker-archive:/nonexistent.tar")]
    [InlineData("dir:/nonexistent/rootfs")]
    [InlineData("Bad//Reference")]
    [InlineData("docker-daemon:alpine")]
    public async Task Bad_input_is_exit_two_with_one_line(string image)
        => AssertOneLineError(await CliRunner.InProcessAsync("scan", image, "--no-cache", "-q"));

    [Theory]
    [InlineData("--max-layer-size", "lots")]
    [InlineData("--platform", "linux")]
    [InlineData("--max-entries", "0")]
    [InlineData("--scanners", "vuln,virus")]
    public async Task Bad_option_values_are_exit_two(string flag, string value)
        => AssertOneLineError(await CliRunner.InProcessAsync("scan", "oci:/x", flag, value, "--no-cache", "-q"));

    [Fact]
    public async Task Same_image_through_all_five_transports_gives_identical_os_layers_and_census()
    {
        var reports = new Dictionary<string, Drydock.Reporting.ScanReport>();
        foreach (var image in new[]
        {
            $"oci:{Images.OciLayout("busybox")}:latest",
            $"oci-archive:{Images.OciArchive("busybox")}",
            $"docker-archive:{Images.DockerArchive("busybox")}",
            $"docker://{registries.Plain.Host}/test/busybox:latest",
            $"dir:{Images.RootFs("busybox")}",
        })
        {
            var run = await CliRunner.InProcessAsync("scan", image, "--format", "json", "--no-cache", "-q");
            Assert.True(run.ExitCode == 0, run.Stderr);
            reports[image] = run.Report;
        }

        var expected = reports.Values.First();
        Assert.Equal("busybox", expected.Artifact.Os!.Family);
        Assert.True(expected.Census.Summary.Symlinks > 200);
        foreach (var (image, report) in reports)
        {
            Assert.Equal(expected.Artifact.Os, report.Artifact.Os);
            Assert.Equal(expected.Census.Summary with { }, report.Census.Summary, new CensusComparer());
            Assert.Equal("linux/amd64", report.Artifact.Platform);
            if (!image.StartsWith("dir:", StringComparison.Ordinal))
            {
                Assert.Equal(expected.Artifact.Layers.Select(l => l.DiffId), report.Artifact.Layers.Select(l => l.DiffId));
                Assert.Equal(expected.Artifact.ConfigDigest, report.Artifact.ConfigDigest);
            }
        }
    }

    [Fact]
    public async Task Scanners_option_chooses_what_runs_and_the_report_says_so()
    {
        var layout = $"oci:{Images.OciLayout("busybox")}:latest";
        var all = await CliRunner.InProcessAsync("scan", layout, "--format", "json", "--no-cache", "-q", "--fail-on-malware");
        Assert.True(all.ExitCode == 0, all.Stderr);
        Assert.Equal(["vuln", "malware", "secret", "misconfig"], all.Report.Scanners);
        Assert.Equal(Drydock.Detection.Malware.VerdictKind.Clean, all.Report.Verdict!.Verdict);

        var vulnOnly = await CliRunner.InProcessAsync("scan", layout, "--format", "json", "--no-cache", "-q", "--scanners", "vuln");
        Assert.True(vulnOnly.ExitCode == 0, vulnOnly.Stderr);
        Assert.Equal(["vuln"], vulnOnly.Report.Scanners);
        Assert.Null(vulnOnly.Report.Verdict);
        Assert.Equal(all.Report.Packages.Count, vulnOnly.Report.Packages.Count);
    }

    [Fact]
    public async Task Layered_image_shows_deleted_files_as_history_not_in_the_merged_view()
    {
        var run = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("layered")}:v1", "--format", "json", "--no-cache", "-q");
        Assert.Equal(0, run.ExitCode);
        var report = run.Report;
        Assert.Equal(3, report.Artifact.Layers.Count);
        Assert.Equal(["/opt/app/cache", "/opt/app/cache/item1", "/opt/app/cache/item2", "/opt/app/config.ini"], report.Census.Deleted.Select(d => d.Path));
        Assert.All(report.Census.Deleted, d => Assert.Equal(report.Artifact.Layers[2].DiffId, d.DeletedIn));
        Assert.Equal(2, report.Artifact.Layers[2].Whiteouts);
        Assert.Equal(["add app files"], report.Artifact.Layers.Skip(1).Take(1).Select(l => l.CreatedBy));
    }

    [Fact]
    public async Task Opaque_directory_hides_lower_layer_content_which_stays_visible_as_history()
    {
        await Images.EnsureAsync("opaque");
        var run = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("opaque")}:v1", "--format", "json", "--no-cache", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = run.Report;
        Assert.Equal([0, 1], report.Artifact.Layers.Select(l => l.OpaqueDirectories));
        Assert.Equal(["/var/cache/app/old.dat", "/var/cache/app/sub", "/var/cache/app/sub/nested.dat"], report.Census.Deleted.Select(d => d.Path));
        Assert.All(report.Census.Deleted, d => Assert.Equal(report.Artifact.Layers[1].DiffId, d.DeletedIn));
        Assert.Equal("replace cache (opaque)", report.Artifact.Layers[1].CreatedBy);
    }

    [Fact]
    public async Task Corrupted_layer_blob_is_refused_with_exit_two()
    {
        var copy = RepoPaths.Scratch("corrupt-layout");
        await ProcessRunner.RunCheckedAsync("cp", "-a", Images.OciLayout("busybox") + "/.", copy);
        var digest = LayoutFacts.LayerDigests(copy).First();
        var blob = Path.Combine(copy, "blobs", "sha256", digest[7..]);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[bytes.Length / 2] ^= 0x5a;
        await File.WriteAllBytesAsync(blob, bytes);

        var run = await CliRunner.InProcessAsync("scan", $"oci:{copy}:latest", "--no-cache", "-q");
        AssertOneLineError(run);
        Assert.Matches("digest|corrupt", run.Stderr);
    }

    [Fact]
    public async Task Output_file_and_table_format()
    {
        var dir = RepoPaths.Scratch("output");
        var file = Path.Combine(dir, "report.json");
        var run = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("busybox")}:latest", "--format", "json", "-o", file, "--no-cache", "-q");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("busybox", Drydock.Reporting.Json.JsonReportWriter.Read(await File.ReadAllTextAsync(file)).Artifact.Os!.Family);
        Assert.Single(Directory.GetFiles(dir));

        var table = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("busybox")}:latest", "--no-cache", "-q");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("linux/amd64", table.Stdout);
        Assert.Contains("Layers", table.Stdout);
        Assert.DoesNotContain("\u001b[", table.Stdout);
    }

    [Fact]
    public async Task Output_to_a_fifo_writes_through_it_and_leaves_it_a_fifo()
    {
        var dir = RepoPaths.Scratch("fifo");
        var fifo = Path.Combine(dir, "report.pipe");
        await ProcessRunner.RunCheckedAsync("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var run = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("busybox")}:latest", "--format", "json", "-o", fifo, "--no-cache", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("\"schemaVersion\"", await reader);
        Assert.Equal(Drydock.Sources.Archives.LocalFileType.Fifo, Drydock.Sources.Archives.FileStatus.Of(fifo, followSymlink: false).Type);
    }

    [Fact]
    public async Task Without_an_advisory_database_the_scan_says_vulnerabilities_were_not_checked()
    {
        var env = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = RepoPaths.Scratch("no-db") };
        var run = await CliRunner.ProcessAsync(env, "scan", $"oci:{Images.OciLayout("busybox")}:latest", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Vulnerabilities: not checked", run.Stdout);
        var json = await CliRunner.ProcessAsync(env, "scan", $"oci:{Images.OciLayout("busybox")}:latest", "-q", "--format", "json", "--fail-on", "low", "--scanners", "vuln");
        Assert.Equal(0, json.ExitCode);
        Assert.Contains(json.Report.Warnings, w => w.Code == "no-advisory-database");
    }

    [Fact]
    public async Task Fail_on_counts_misconfigurations_by_their_severity()
    {
        // busybox runs as root (root-user, high) and has no HEALTHCHECK (no-healthcheck, low); no advisory database.
        var env = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = RepoPaths.Scratch("fail-on-misconfig") };
        var image = $"oci:{Images.OciLayout("busybox")}:latest";
        var high = await CliRunner.ProcessAsync(env, "scan", image, "-q", "--format", "json", "--scanners", "vuln,misconfig", "--fail-on", "high");
        Assert.Equal(1, high.ExitCode);
        Assert.Contains(high.Report.Misconfigurations, m => m.Id == "root-user" && m.Severity == "high");
        var critical = await CliRunner.ProcessAsync(env, "scan", image, "-q", "--format", "json", "--scanners", "vuln,misconfig", "--fail-on", "critical");
        Assert.Equal(0, critical.ExitCode);
    }

    [Fact]
    public async Task Plain_progress_lines_go_to_stderr_when_not_a_terminal()
    {
        var run = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("layered")}:v1", "--no-cache", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("layer 3/3", run.Stderr);
        Assert.Contains("done", run.Stderr);
        Assert.Equal(3, run.Report.Artifact.Layers.Count);
    }

    [Fact]
    public async Task Cache_is_reused_across_scans_and_images_and_can_be_cleaned()
    {
        var cache = RepoPaths.Scratch("cli-cache");
        var layered = $"oci:{Images.OciLayout("layered")}:v1";
        var first = await CliRunner.InProcessAsync("scan", layered, "--format", "json", "--cache-dir", cache, "-q");
        Assert.Equal((3, 0), (first.Report.Statistics.LayersAnalysed, first.Report.Statistics.LayersFromCache));

        var second = await CliRunner.InProcessAsync("scan", $"docker-archive:{Images.DockerArchive("layered")}", "--format", "json", "--cache-dir", cache, "-q");
        Assert.Equal((0, 3), (second.Report.Statistics.LayersAnalysed, second.Report.Statistics.LayersFromCache));
        Assert.Equal(first.Report.Census.Summary, second.Report.Census.Summary, new CensusComparer());
        Assert.All(second.Report.Artifact.Layers, l => Assert.True(l.Cached));

        var info = await CliRunner.InProcessAsync("cache", "info", "--cache-dir", cache);
        Assert.Contains("3 layer results", info.Stdout);
        var clean = await CliRunner.InProcessAsync("cache", "clean", "--cache-dir", cache);
        Assert.Equal(0, clean.ExitCode);
        var third = await CliRunner.InProcessAsync("scan", layered, "--format", "json", "--cache-dir", cache, "-q");
        Assert.Equal(3, third.Report.Statistics.LayersAnalysed);
    }

    [Fact]
    public async Task Concurrent_scan_processes_share_one_cache_safely()
    {
        var cache = RepoPaths.Scratch("shared-cache");
        var env = new Dictionary<string, string>();
        var images = new[]
        {
            $"oci:{Images.OciLayout("layered")}:v1",
            $"docker-archive:{Images.DockerArchive("layered")}",
            $"oci-archive:{Images.OciArchive("busybox")}",
            $"oci:{Images.OciLayout("busybox")}:latest",
        };
        var runs = await Task.WhenAll(images.Select(i => CliRunner.ProcessAsync(env, "scan", i, "--format", "json", "--cache-dir", cache, "-q")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));

        // Afterwards every layer is cached exactly once (busybox's layer equals layered's base layer) and reads back whole.
        var again = await CliRunner.InProcessAsync("scan", $"oci:{Images.OciLayout("layered")}:v1", "--format", "json", "--cache-dir", cache, "-q");
        Assert.Equal(3, again.Report.Statistics.LayersFromCache);
        Assert.Equal(runs[0].Report.Census.Summary, again.Report.Census.Summary, new CensusComparer());
        var info = await CliRunner.InProcessAsync("cache", "info", "--cache-dir", cache);
        Assert.Contains("3 layer results", info.Stdout);
    }

    [Fact]
    public async Task Registry_basic_auth_with_password_on_stdin()
    {
        var image = $"{registries.Basic.Host}/test/busybox:latest";
        var ok = await CliRunner.WithInputAsync(RegistryServer.Password + "\n", "scan", image, "--username", RegistryServer.User, "--password-stdin", "--no-cache", "-q", "--format", "json");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Equal("busybox", ok.Report.Artifact.Os!.Family);

        var denied = await CliRunner.WithInputAsync("wrong\n", "scan", image, "--username", RegistryServer.User, "--password-stdin", "--no-cache", "-q");
        AssertOneLineError(denied);
        Assert.Contains("auth", denied.Stderr);

        AssertOneLineError(await CliRunner.InProcessAsync("scan", image, "--no-cache", "-q"));
    }

    [Fact]
    public async Task Registry_credentials_from_docker_config_json()
    {
        var configDir = RepoPaths.Scratch("docker-config");
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RegistryServer.User}:{RegistryServer.Password}"));
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["auths"] = new System.Text.Json.Nodes.JsonObject { [registries.Basic.Host] = new System.Text.Json.Nodes.JsonObject { ["auth"] = auth } },
        };
        await File.WriteAllTextAsync(Path.Combine(configDir, "config.json"), json.ToJsonString());
        var env = new Dictionary<string, string> { ["DOCKER_CONFIG"] = configDir, ["XDG_CACHE_HOME"] = RepoPaths.Scratch("xdg") };

        var run = await CliRunner.ProcessAsync(env, "scan", $"{registries.Basic.Host}/test/busybox:latest", "--format", "json", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("busybox", run.Report.Artifact.Os!.Family);
    }

    [Fact]
    public async Task Platform_selection_from_a_registry_index()
    {
        var image = $"{registries.Plain.Host}/test/multi:latest";
        var amd = await CliRunner.InProcessAsync("scan", image, "--format", "json", "--no-cache", "-q");
        Assert.Equal("linux/amd64", amd.Report.Artifact.Platform);
        var arm = await CliRunner.InProcessAsync("scan", image, "--platform", "linux/arm64", "--format", "json", "--no-cache", "-q");
        Assert.Equal(3, arm.Report.Artifact.Layers.Count);
        var missing = await CliRunner.InProcessAsync("scan", image, "--platform", "linux/s390x", "--no-cache", "-q");
        AssertOneLineError(missing);
        Assert.Contains("linux/arm64", missing.Stderr);
    }

    private sealed class CensusComparer : IEqualityComparer<Drydock.Analysis.Census.CensusSummary>
    {
        public bool Equals(Drydock.Analysis.Census.CensusSummary? x, Drydock.Analysis.Census.CensusSummary? y)
            => System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(Drydock.Analysis.Census.CensusSummary obj) => 0;
    }
}
