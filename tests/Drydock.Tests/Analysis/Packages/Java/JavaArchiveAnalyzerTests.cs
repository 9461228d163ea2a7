using System.Buffers.Binary;
using System.Security.Cryptography;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Java;
using Drydock.Layers;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.Packages.Java;

public sealed class JavaArchiveAnalyzerTests
{
    private const string PomXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <dependencies><dependency><name>not a licence</name></dependency></dependencies>
          <licenses>
            <license><name>MIT License</name><url>https://opensource.org/licenses/MIT</url></license>
            <license><name> Apache-2.0 </name></license>
          </licenses>
        </project>
        """;

    [Fact]
    public void A_versionless_file_name_with_its_own_pom_properties_gives_one_package_not_a_manifest_duplicate()
    {
        // Debian installs /usr/share/java/commons-io.jar: the name has no version, pom.properties says who it is,
        // and the manifest's display name ("Apache Commons IO") must not add a second package.
        var jar = Jars.Zip(
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: Apache Commons IO\r\nImplementation-Version: 2.11.0\r\nImplementation-Vendor-Id: commons-io\r\n"),
            ("META-INF/maven/commons-io/commons-io/pom.properties", Jars.PomProperties("commons-io", "commons-io", "2.11.0")));
        var result = AnalyzerRun.Bytes(new JavaArchiveAnalyzer(), "usr/share/java/commons-io.jar", jar);
        var package = Assert.Single(result.Packages);
        Assert.Equal(("commons-io", "commons-io", "2.11.0"), (package.Namespace, package.Name, package.Version));
    }

    [Fact]
    public async Task War_with_manifest_and_nested_jar_in_a_layer()
    {
        var inner = Jars.Zip(
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n"),
            ("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1.2.3")),
            ("META-INF/maven/g/a/pom.xml", PomXml));
        var war = Jars.Zip(
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: shop\r\nImplementation-Version: 2.0\r\nImplementation-Vendor-Id: com.example\r\n\r\nName: x\r\nImplementation-Version: 9\r\n"),
            ("WEB-INF/lib/a-1.2.3.jar", inner),
            ("WEB-INF/classes/App.class", "cafebabe"));
        var tar = new TarBuilder().File("srv/app/shop.war", war).File("srv/app/notes.jar.txt", "text").Build();

        var result = await Analyse.TarAsync(tar, new AnalyzerCatalog([new JavaArchiveAnalyzer()]));

        Assert.Empty(result.Warnings);
        Assert.Collection(result.Packages,
            p =>
            {
                Assert.Equal(("com.example", "shop", "2.0", "manifest"), (p.Namespace, p.Name, p.Version, p.Metadata["evidence"]));
                Assert.Equal("srv/app/shop.war", p.SourcePath);
                Assert.Null(p.InnerPath);
                Assert.Equal(Sha1(war), p.Metadata["sha1"]);
                Assert.Equal(PackageTypes.Maven, p.Type);
            },
            p =>
            {
                Assert.Equal(("g", "a", "1.2.3", "pom.properties"), (p.Namespace, p.Name, p.Version, p.Metadata["evidence"]));
                Assert.Equal("srv/app/shop.war", p.SourcePath);
                Assert.Equal("WEB-INF/lib/a-1.2.3.jar", p.InnerPath);
                Assert.Equal(Sha1(inner), p.Metadata["sha1"]);
                Assert.Equal(["Apache-2.0", "MIT License"], p.Licenses);
            });
    }

    [Theory]
    [InlineData("spring-core-5.3.4-SNAPSHOT.jar", "spring-core", "5.3.4-SNAPSHOT")]
    [InlineData("log4j-1.2-api-2.17.1.jar", "log4j-1.2-api", "2.17.1")]
    [InlineData("commons-lang3-3.11.jar", "commons-lang3", "3.11")]
    [InlineData("a-1.jar", "a", "1")]
    [InlineData("guava.jar", null, null)]
    [InlineData("app-.jar", null, null)]
    [InlineData("tool-v1.2.jar", null, null)]
    [InlineData("web-1.0.war", null, null)]
    public void File_name_fallback_follows_trivys_pattern(string fileName, string? artifact, string? version)
    {
        var jar = Jars.Zip(("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"));
        var result = Run("opt/" + fileName, jar);

        if (artifact is null)
        {
            Assert.Empty(result.Packages);
        }
        else
        {
            var p = Assert.Single(result.Packages);
            Assert.Equal((null, artifact, version, "file-name"), (p.Namespace, p.Name, p.Version, p.Metadata["evidence"]));
        }
    }

    [Fact]
    public void Manifest_bundle_fields_continuation_lines_and_variables()
    {
        var jar = Jars.Zip(("META-INF/MANIFEST.MF",
            "Manifest-Version: 1.0\rBundle-Name: %bundleName\rBundle-SymbolicName: com.fasterxml.jackson.core.jack\r son-databind;singleton:=true\rSpecification-Title: jackson-databind\rBundle-Version: 2.9.10.6\r"));
        var p = Assert.Single(Run("x.jar", jar).Packages);

        Assert.Equal(("com.fasterxml.jackson.core", "jackson-databind", "2.9.10.6"), (p.Namespace, p.Name, p.Version));
    }

    [Fact]
    public void Required_matches_archive_suffixes_case_insensitively_and_the_filter_wants_zip_magic()
    {
        var analyzer = new JavaArchiveAnalyzer();
        foreach (var name in new[] { "a.jar", "A.JAR", "b.war", "c.Ear", "d.par", "e.jpi", "f.hpi", "g.kar" })
        {
            Assert.Equal(AnalyzerNeed.Content, analyzer.Required(Entry("opt/" + name)));
        }

        foreach (var name in new[] { "jar", "a.jar.txt", "a.zip", ".jar" })
        {
            Assert.Equal(AnalyzerNeed.None, analyzer.Required(Entry("opt/" + name)));
        }

        Assert.Equal(AnalyzerNeed.None, analyzer.Required(Entry("opt/a.jar") with { Kind = EntryKind.Directory }));
        Assert.True(analyzer.WantsContent(Entry("a.jar"), "PK\x03\x04rest"u8));
        Assert.False(analyzer.WantsContent(Entry("a.jar"), "not a zip"u8));
    }

    [Fact]
    public void Zip_bomb_entry_is_refused_after_its_declared_size()
    {
        // 2 GiB of zeros behind a central directory that claims 100 bytes.
        var bomb = Jars.ZeroBomb("META-INF/maven/g/a/pom.properties", declaredSize: 100, mebibytes: 2048);
        var result = Run("bomb.jar", bomb);

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.Code is "jar-entry-size-mismatch" or "jar-entry-corrupt");
    }

    [Fact]
    public void Small_bomb_within_the_deflate_bound_is_read_only_up_to_its_claim()
    {
        // About 1 KiB of deflate that inflates to 1 MiB, claiming 100 bytes: nothing beyond the claim is inflated,
        // and 100 zero bytes are no pom.properties.
        var bomb = Jars.ZeroBomb("META-INF/maven/g/a/pom.properties", declaredSize: 100, mebibytes: 1);
        var result = Run("bomb.jar", bomb);

        Assert.Empty(result.Packages);
        Assert.All(result.Warnings, w => Assert.Equal("jar-entry-size-mismatch", w.Code));
    }

    [Fact]
    public void Entry_declaring_more_than_the_limit_is_not_inflated()
    {
        var bomb = Jars.ZeroBomb("lib/huge.jar", declaredSize: uint.MaxValue, mebibytes: 4);
        var result = Run("bomb.jar", bomb);

        Assert.Contains(result.Warnings, w => w.Code == "jar-entry-too-large");
    }

    [Fact]
    public void Total_inflation_per_top_level_archive_is_capped()
    {
        var inner = Jars.Zip(("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1")), ("pad", new byte[600_000]));
        var entries = Enumerable.Range(0, 10).Select(i => ($"lib/x{i}.jar", (object)inner)).ToArray();
        var analyzer = new JavaArchiveAnalyzer(new JavaArchiveLimits { MaxTotalInflatedBytes = 3_000_000 });

        var result = Run("big.jar", Jars.Zip(entries), analyzer);

        Assert.InRange(result.Packages.Count, 1, 9);
        Assert.Single(result.Warnings, w => w.Code == "jar-inflate-budget");
    }

    [Fact]
    public void Nesting_100_deep_stops_at_the_depth_limit_with_one_warning()
    {
        var jar = Jars.Zip(("META-INF/maven/g/level100/pom.properties", Jars.PomProperties("g", "level100", "1")));
        for (var level = 99; level >= 0; level--)
        {
            jar = Jars.Zip(("META-INF/maven/g/level" + level + "/pom.properties", Jars.PomProperties("g", "level" + level, "1")), ("lib/next.jar", jar));
        }

        var result = Run("deep.jar", jar);

        Assert.Equal(Enumerable.Range(0, 17).Select(i => "level" + i).Order(StringComparer.Ordinal), result.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("jar-nesting-too-deep", warning.Code);
    }

    [Fact]
    public void Zip_slip_names_are_ignored_with_a_warning()
    {
        var evil = Jars.Zip(("META-INF/maven/evil/e/pom.properties", Jars.PomProperties("evil", "e", "6.6.6")));
        var jar = Jars.Zip(
            ("../../etc/evil.jar", evil),
            ("/abs/evil.jar", evil),
            ("lib\\..\\..\\win.jar", evil),
            ("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1")));

        var result = Run("slip.jar", jar);

        Assert.Equal("a", Assert.Single(result.Packages).Name);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("jar-zip-slip", warning.Code);
        Assert.Contains("3 entries", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_central_directory_is_a_warning()
    {
        var jar = Jars.Zip(("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1")), ("b.txt", "b"));
        var end = Jars.EndRecord(jar);
        var cdOffset = BinaryPrimitives.ReadInt32LittleEndian(jar.AsSpan(end + 16));

        // Cut in the middle of the central directory, and separately keep the end record but chop the directory.
        var cut = jar[..(cdOffset + 30)];
        var chopped = jar[..(cdOffset + 30)].Concat(jar[end..]).ToArray();

        Assert.Equal("jar-malformed", Assert.Single(Run("cut.jar", cut).Warnings).Code);
        var r = Run("chopped.jar", chopped);
        Assert.Empty(r.Packages);
        Assert.Equal("jar-malformed", Assert.Single(r.Warnings).Code);
    }

    [Fact]
    public void Every_prefix_of_a_real_jar_is_handled()
    {
        var jar = Jars.Zip(("META-INF/MANIFEST.MF", "Implementation-Title: t\nImplementation-Version: 1\nImplementation-Vendor: v\n"),
            ("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1")), ("lib/in.jar", Jars.Zip(("x", "y"))));
        for (var length = 0; length <= jar.Length; length += 7)
        {
            var result = Run("p.jar", jar[..length]);
            Assert.True(result.Packages.Count > 0 || result.Warnings.Count > 0, $"prefix {length}: neither packages nor a warning");
        }
    }

    [Fact]
    public void Hundred_thousand_entries_are_read_and_a_lower_entry_limit_refuses_them()
    {
        var entries = Enumerable.Range(0, 100_000).Select(i => ($"d/{i}", (object)Array.Empty<byte>()))
            .Append(("META-INF/maven/g/many/pom.properties", Jars.PomProperties("g", "many", "1"))).ToArray();
        var jar = Jars.Zip(entries);

        Assert.Equal("many", Assert.Single(Run("many.jar", jar).Packages).Name);

        var limited = Run("many.jar", jar, new JavaArchiveAnalyzer(new JavaArchiveLimits { MaxEntries = 50_000 }));
        Assert.Empty(limited.Packages);
        Assert.Equal("jar-too-many-entries", Assert.Single(limited.Warnings).Code);
    }

    [Fact]
    public void Malformed_pom_xml_keeps_the_package_and_warns()
    {
        var jar = Jars.Zip(("META-INF/maven/g/a/pom.properties", Jars.PomProperties("g", "a", "1")),
            ("META-INF/maven/g/a/pom.xml", "<project><licenses><license><name>MIT"),
            ("META-INF/maven/g/b/pom.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><project><licenses><license><name>&e;</name></license></licenses></project>"));
        var result = Run("a-1.jar", jar);

        Assert.Empty(Assert.Single(result.Packages).Licenses);
        Assert.All(result.Warnings, w => Assert.Equal("pom-xml-malformed", w.Code));
        Assert.NotEmpty(result.Warnings);
    }

    private static LayerResult Run(string path, byte[] bytes, JavaArchiveAnalyzer? analyzer = null)
    {
        var builder = new LayerResultBuilder();
        var entry = Entry(path) with { Size = bytes.Length };
        (analyzer ?? new JavaArchiveAnalyzer()).Analyze(new AnalyzerInput(entry, bytes.AsSpan(0, Math.Min(512, bytes.Length)), bytes), builder);
        return builder.Build("sha256:x", "none", 0, 1);
    }

    private static EntryInfo Entry(string path) => new(path, EntryKind.File, 100, 0x1a4, 0, 0, null, 0);

    private static string Sha1(byte[] bytes) => Convert.ToHexStringLower(SHA1.HashData(bytes));
}
