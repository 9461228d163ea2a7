using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Analysis.Census;
using Drydock.Reporting;
using Drydock.Reporting.CycloneDx;
using Drydock.Reporting.Sbom;
using Drydock.Reporting.Spdx;
using Drydock.Tests.Fixtures;
using Json.Schema;

namespace Drydock.Tests.Reporting;

public sealed class SbomWriterTests
{
    internal static ScanReport SampleReport() => new()
    {
        Generator = new GeneratorInfo("drydock", "0.1.0"),
        CreatedAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        Artifact = new ArtifactReport
        {
            Name = "registry.example.com/app:1.0",
            Transport = "docker",
            Digest = "sha256:" + new string('a', 64),
            ConfigDigest = "sha256:" + new string('b', 64),
            Platform = "linux/amd64",
            Os = new OsReport("debian", "12.11", "Debian GNU/Linux 12 (bookworm)", "/etc/os-release"),
            Config = new ImageConfigReport(),
        },
        Census = new CensusReport { Summary = CensusSummary.Of([]) },
        Packages =
        [
            Package("deb", null, "libssl3", "3.0.11-1~deb12u2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", ["Apache-2.0"], ["libc6"]),
            Package("deb", null, "libc6", "2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12", ["LGPL-2.1+", "GPL-2+ with some exception", "public-domain"], []) with
            {
                InstalledFiles = ["/etc/ld.so.conf.d/x86_64-linux-gnu.conf", "/lib/x86_64-linux-gnu/libc.so.6", "/usr/share/doc/libc6/copyright"],
                FileDigests = new SortedDictionary<string, string>
                {
                    ["/lib/x86_64-linux-gnu/libc.so.6"] = "md5:0123456789abcdef0123456789abcdef",
                    ["/usr/share/doc/libc6/copyright"] = "md5:fedcba9876543210fedcba9876543210",
                },
            },
            Package("npm", "@scope", "thing", "1.0.0", "pkg:npm/%40scope/thing@1.0.0", ["MIT OR Apache-2.0"], ["left-pad"]),
            Package("npm", null, "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0", ["WTFPL"], []),
            Package("maven", "org.apache.commons", "commons-lang3", "3.12.0", "pkg:maven/org.apache.commons/commons-lang3@3.12.0", [], [],
                new SortedDictionary<string, string> { ["sha1"] = "c6842c86792ff03b9f1d1fe2aab8dc23aa6c6f0e" }),
            Package("rpm", null, "bash", "5.1.8-6.el9", "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&epoch=1", ["GPLv3+"], [], epoch: 1) with
            {
                InstalledFiles = ["/usr/bin/bash"],
                FileDigests = new SortedDictionary<string, string> { ["/usr/bin/bash"] = "sha256:" + new string('e', 64) },
            },
        ],
        Statistics = new StatisticsReport(1, 0, 0, 0),
    };

    private static PackageReport Package(string type, string? ns, string name, string version, string purl, List<string> licenses, List<string> deps,
        SortedDictionary<string, string>? metadata = null, int? epoch = null) => new()
    {
        Type = type, Namespace = ns, Name = name, Version = version, Purl = purl, Licenses = licenses, DependsOn = deps, Metadata = metadata,
        Epoch = epoch, Path = $"/var/lib/{type}/{name}", Layer = "sha256:" + new string('c', 64), Supplier = type == "deb" ? "Debian <x@example.org>" : null,
    };

    private static async Task<JsonSchema> CycloneDxSchemaAsync()
    {
        var package = await NpmPackages.UnpackAsync("@cyclonedx/cyclonedx-library", "10.3.0");
        var dir = Path.Combine(package, "res", "schema");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var name in new[] { "spdx", "jsf-0.82", "cryptography-defs" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(dir, $"{name}.SNAPSHOT.schema.json"));
            var schema = JsonSchema.FromText(text, options);
            options.SchemaRegistry.Register(new Uri($"http://cyclonedx.org/schema/{name}.SNAPSHOT.schema.json"), schema);
        }

        return JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(dir, "bom-1.6.SNAPSHOT.schema.json")), options);
    }

    internal static async Task AssertValidCycloneDxAsync(string json)
    {
        var schema = await CycloneDxSchemaAsync();
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20).ToList();
        Assert.True(result.IsValid, "CycloneDX 1.6 schema: " + string.Join("; ", errors));
    }

    [Fact]
    public async Task CycloneDx_output_validates_against_the_official_1_6_schema()
    {
        var output = new StringWriter();
        await new CycloneDxReportWriter().WriteAsync(SampleReport(), output, CancellationToken.None);
        await AssertValidCycloneDxAsync(output.ToString());

        var bom = JsonNode.Parse(output.ToString())!;
        var components = bom["components"]!.AsArray();
        Assert.Equal("operating-system", components[0]!["type"]!.GetValue<string>());
        var libc = components.Single(c => c!["name"]!.GetValue<string>() == "libc6")!;
        Assert.Equal("LGPL-2.1+", libc["licenses"]![0]!["license"]!["name"]!.GetValue<string>());
        var ssl = components.Single(c => c!["name"]!.GetValue<string>() == "libssl3")!;
        Assert.Equal("Apache-2.0", ssl["licenses"]![0]!["license"]!["id"]!.GetValue<string>());
        var thing = components.Single(c => c!["name"]!.GetValue<string>() == "thing")!;
        Assert.Equal("MIT OR Apache-2.0", thing["licenses"]![0]!["expression"]!.GetValue<string>());
        Assert.Equal("@scope", thing["group"]!.GetValue<string>());
        var deps = bom["dependencies"]!.AsArray();
        Assert.Equal(["pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12"],
            deps.Single(d => d!["ref"]!.GetValue<string>().Contains("libssl3"))!["dependsOn"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(["pkg:npm/left-pad@1.3.0"], deps.Single(d => d!["ref"]!.GetValue<string>().Contains("thing"))!["dependsOn"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("1:5.1.8-6.el9", components.Single(c => c!["name"]!.GetValue<string>() == "bash")!["version"]!.GetValue<string>());

        // An OS package's installed files are nested in it as file components, with the digest the database records.
        var files = libc["components"]!.AsArray();
        Assert.Equal(["/etc/ld.so.conf.d/x86_64-linux-gnu.conf", "/lib/x86_64-linux-gnu/libc.so.6", "/usr/share/doc/libc6/copyright"], files.Select(f => f!["name"]!.GetValue<string>()));
        Assert.All(files, f => Assert.Equal("file", f!["type"]!.GetValue<string>()));
        Assert.Null(files[0]!["hashes"]);
        Assert.Equal(("MD5", "0123456789abcdef0123456789abcdef"), (files[1]!["hashes"]![0]!["alg"]!.GetValue<string>(), files[1]!["hashes"]![0]!["content"]!.GetValue<string>()));
        var bashFile = Assert.Single(components.Single(c => c!["name"]!.GetValue<string>() == "bash")!["components"]!.AsArray());
        Assert.Equal("SHA-256", bashFile!["hashes"]![0]!["alg"]!.GetValue<string>());
        Assert.Null(thing["components"]);
    }

    [Fact]
    public async Task Without_package_files_no_file_appears_and_both_formats_stay_valid()
    {
        var cdx = new StringWriter();
        await new CycloneDxReportWriter { PackageFiles = false }.WriteAsync(SampleReport(), cdx, CancellationToken.None);
        await AssertValidCycloneDxAsync(cdx.ToString());
        Assert.DoesNotContain("\"file\"", cdx.ToString(), StringComparison.Ordinal);

        var spdx = new StringWriter();
        await new SpdxReportWriter { PackageFiles = false }.WriteAsync(SampleReport(), spdx, CancellationToken.None);
        var doc = JsonNode.Parse(spdx.ToString())!;
        Assert.Null(doc["files"]);
        Spdx23Rules.AssertConforms(doc);
        Assert.All(doc["packages"]!.AsArray(), p => Assert.False(p!["filesAnalyzed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task The_schema_check_rejects_a_broken_bom()
    {
        var output = new StringWriter();
        await new CycloneDxReportWriter().WriteAsync(SampleReport(), output, CancellationToken.None);
        var bom = JsonNode.Parse(output.ToString())!;
        bom["components"]![1]!["type"] = "not-a-type";
        bom["components"]![2]!["licenses"] = new JsonArray(new JsonObject { ["license"] = new JsonObject { ["id"] = "Not-An-SPDX-Id" } });
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => AssertValidCycloneDxAsync(bom.ToJsonString()));
    }

    [Fact]
    public async Task Spdx_output_has_the_required_2_3_fields_and_valid_licence_expressions()
    {
        var output = new StringWriter();
        await new SpdxReportWriter().WriteAsync(SampleReport(), output, CancellationToken.None);
        var doc = JsonNode.Parse(output.ToString())!.AsObject();

        Assert.Equal("SPDX-2.3", doc["spdxVersion"]!.GetValue<string>());
        Assert.Equal("CC0-1.0", doc["dataLicense"]!.GetValue<string>());
        Assert.Equal("SPDXRef-DOCUMENT", doc["SPDXID"]!.GetValue<string>());
        Assert.StartsWith("https://", doc["documentNamespace"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", doc["creationInfo"]!["created"]!.GetValue<string>());
        var packages = doc["packages"]!.AsArray();
        Assert.Equal(8, packages.Count);
        var ids = packages.Select(p => p!["SPDXID"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^SPDXRef-[A-Za-z0-9.-]+$", id));
        foreach (var p in packages)
        {
            foreach (var field in new[] { "name", "downloadLocation", "licenseConcluded", "licenseDeclared", "copyrightText" })
            {
                Assert.NotNull(p![field]);
            }
        }

        var libc = packages.Single(p => p!["name"]!.GetValue<string>() == "libc6")!;
        Assert.Equal("LGPL-2.1+ AND LicenseRef-GPL-2--with-some-exception AND LicenseRef-public-domain", libc["licenseDeclared"]!.GetValue<string>());
        var extracted = doc["hasExtractedLicensingInfos"]!.AsArray().Select(x => x!["licenseId"]!.GetValue<string>()).ToList();
        Assert.Contains("LicenseRef-public-domain", extracted);
        Assert.Equal("(MIT OR Apache-2.0)".Trim('(', ')'), packages.Single(p => p!["name"]!.GetValue<string>() == "@scope/thing")!["licenseDeclared"]!.GetValue<string>());

        var relationships = doc["relationships"]!.AsArray().Select(r => $"{r!["spdxElementId"]} {r["relationshipType"]} {r["relatedSpdxElement"]}").ToList();
        Assert.Contains("SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image", relationships);
        Assert.Contains("SPDXRef-Image CONTAINS SPDXRef-OperatingSystem", relationships);

        // OS packages hang under the operating system, language packages under the image.
        Assert.Equal(["SPDXRef-Package-1", "SPDXRef-Package-2", "SPDXRef-Package-6"], relationships.Where(r => r.StartsWith("SPDXRef-OperatingSystem CONTAINS ", StringComparison.Ordinal)).Select(r => r.Split(' ')[2]));
        Assert.Equal(["SPDXRef-Package-3", "SPDXRef-Package-4", "SPDXRef-Package-5"], relationships.Where(r => r.StartsWith("SPDXRef-Image CONTAINS SPDXRef-Package-", StringComparison.Ordinal)).Select(r => r.Split(' ')[2]));
        Assert.Contains(relationships, r => r.EndsWith("DEPENDS_ON SPDXRef-Package-2", StringComparison.Ordinal));

        // Files with a recorded digest become SPDX files the package CONTAINS; the one without (a conffile) cannot.
        var files = doc["files"]!.AsArray();
        Assert.Equal(["/lib/x86_64-linux-gnu/libc.so.6", "/usr/share/doc/libc6/copyright", "/usr/bin/bash"], files.Select(f => f!["fileName"]!.GetValue<string>()));
        Assert.Equal(("MD5", "0123456789abcdef0123456789abcdef"), (files[0]!["checksums"]![0]!["algorithm"]!.GetValue<string>(), files[0]!["checksums"]![0]!["checksumValue"]!.GetValue<string>()));
        Assert.Equal("SHA256", files[2]!["checksums"]![0]!["algorithm"]!.GetValue<string>());
        Assert.Contains("SPDXRef-Package-2 CONTAINS SPDXRef-File-1", relationships);
        Assert.Contains("SPDXRef-Package-6 CONTAINS SPDXRef-File-3", relationships);
        Assert.True(libc["filesAnalyzed"]!.GetValue<bool>());
        Assert.False(packages.Single(p => p!["name"]!.GetValue<string>() == "libssl3")!["filesAnalyzed"]!.GetValue<bool>());
        Assert.Equal("OPERATING_SYSTEM", packages.Single(p => p!["SPDXID"]!.GetValue<string>() == "SPDXRef-OperatingSystem")!["primaryPackagePurpose"]!.GetValue<string>());
        Spdx23Rules.AssertConforms(doc);
    }

    [Fact]
    public async Task The_spdx_rules_reject_a_broken_document()
    {
        var output = new StringWriter();
        await new SpdxReportWriter().WriteAsync(SampleReport(), output, CancellationToken.None);
        Spdx23Rules.AssertConforms(JsonNode.Parse(output.ToString())!);

        var doc = JsonNode.Parse(output.ToString())!;
        doc["packages"]![1]!["primaryPackagePurpose"] = "OPERATING-SYSTEM";
        doc["packages"]![2]!["licence"] = "MIT";
        doc["packages"]![3]!.AsObject().Remove("downloadLocation");
        doc["files"]![0]!["checksums"]![0]!["algorithm"] = "SHA-256";
        doc["relationships"]![1]!["relatedSpdxElement"] = "SPDXRef-Nowhere";
        doc["creationInfo"]!["created"] = "2026-11-29 12:00";
        var violations = Spdx23Rules.Violations(doc);
        string[] expected =
        [
            "$.packages[1].primaryPackagePurpose: 'OPERATING-SYSTEM' is not in the enumeration",
            "$.packages[2]: member 'licence' is not allowed",
            "$.packages[3]: required member 'downloadLocation' is missing",
            "$.files[0].checksums[0].algorithm: 'SHA-256' is not in the enumeration",
            "$.relationships[1].relatedSpdxElement: 'SPDXRef-Nowhere' names no element of the document",
            "$.creationInfo.created: '2026-11-29 12:00' does not match",
        ];
        Assert.All(expected, e => Assert.Contains(violations, v => v.StartsWith(e, StringComparison.Ordinal)));
    }

    [Fact]
    public void Go_main_modules_and_nested_java_archives_become_relationships()
    {
        var report = SampleReport() with
        {
            Packages =
            [
                new PackageReport { Type = "golang", Name = "example.com/app", Version = "v1.0.0", Purl = "pkg:golang/example.com/app@v1.0.0", Path = "/usr/bin/app", Layer = "l",
                    Metadata = new SortedDictionary<string, string> { ["mainModule"] = "true" } },
                new PackageReport { Type = "golang", Name = "github.com/x/y", Version = "v0.1.0", Purl = "pkg:golang/github.com/x/y@v0.1.0", Path = "/usr/bin/app", Layer = "l" },
                new PackageReport { Type = "golang", Name = "github.com/x/y", Version = "v0.2.0", Purl = "pkg:golang/github.com/x/y@v0.2.0", Path = "/usr/bin/other", Layer = "l" },
                new PackageReport { Type = "maven", Namespace = "com.shop", Name = "shop", Version = "1", Purl = "pkg:maven/com.shop/shop@1", Path = "/srv/shop.war", Layer = "l" },
                new PackageReport { Type = "maven", Namespace = "g", Name = "a", Version = "2", Purl = "pkg:maven/g/a@2", Path = "/srv/shop.war!/WEB-INF/lib/a-2.jar", Layer = "l" },
                new PackageReport { Type = "maven", Namespace = "g", Name = "deep", Version = "3", Purl = "pkg:maven/g/deep@3", Path = "/srv/shop.war!/WEB-INF/lib/a-2.jar!/lib/deep-3.jar", Layer = "l" },
            ],
        };
        var bom = CycloneDxReportWriter.Build(report, Guid.Empty);
        var deps = bom["dependencies"]!.AsArray().ToDictionary(d => d!["ref"]!.GetValue<string>(), d => d!["dependsOn"]!.AsArray().Select(x => x!.GetValue<string>()).ToList());
        Assert.Equal(["pkg:golang/github.com/x/y@v0.1.0"], deps["pkg:golang/example.com/app@v1.0.0"]);
        Assert.Equal(["pkg:maven/g/a@2"], deps["pkg:maven/com.shop/shop@1"]);
        Assert.Equal(["pkg:maven/g/deep@3"], deps["pkg:maven/g/a@2"]);

        var spdx = SpdxReportWriter.Build(report, Guid.Empty);
        var relationships = spdx["relationships"]!.AsArray().Select(r => $"{r!["spdxElementId"]} {r["relationshipType"]} {r["relatedSpdxElement"]}").ToList();
        Assert.Contains("SPDXRef-Package-4 CONTAINS SPDXRef-Package-5", relationships);
        Assert.Contains("SPDXRef-Package-5 CONTAINS SPDXRef-Package-6", relationships);
        Assert.Contains("SPDXRef-Package-1 DEPENDS_ON SPDXRef-Package-2", relationships);
        Assert.DoesNotContain("SPDXRef-Package-1 DEPENDS_ON SPDXRef-Package-3", relationships);
    }

    [Theory]
    [InlineData("cyclonedx")]
    [InlineData("spdx-json")]
    public async Task Our_sboms_read_back_to_the_same_packages(string format)
    {
        IReportWriter writer = format == "cyclonedx" ? new CycloneDxReportWriter() : new SpdxReportWriter();
        var output = new StringWriter();
        var report = SampleReport();
        await writer.WriteAsync(report, output, CancellationToken.None);
        using var doc = JsonDocument.Parse(output.ToString());
        var back = SbomReader.Read(doc.RootElement, "test.json");

        Assert.Equal(report.Packages.Select(p => p.Purl).Order(), back.Packages.Select(p => p.Purl).Order());
        Assert.Equal(("debian", "12.11"), (back.Artifact.Os!.Family, back.Artifact.Os.Version));
        var bash = back.Packages.Single(p => p.Name == "bash");
        Assert.Equal((1, "x86_64", "5.1.8-6.el9"), (bash.Epoch!.Value, bash.Arch, bash.Version));
        Assert.Equal("@scope", back.Packages.Single(p => p.Name == "thing").Namespace);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{\"bomFormat\":\"Other\"}")]
    public void Unknown_documents_are_refused_with_a_message(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<DrydockInputException>(() => SbomReader.Read(doc.RootElement, "x.json"));
    }
}
