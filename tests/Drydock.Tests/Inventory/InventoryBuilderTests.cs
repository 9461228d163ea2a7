using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Census;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;
using Drydock.Inventory;
using Drydock.Layers;
using Drydock.Merge;
using Drydock.Tests.Support;

namespace Drydock.Tests.Inventory;

public sealed class InventoryBuilderTests
{
    /// <summary>A tiny package database for tests: lines "name version" in any file named pkgdb;
    /// lines in files named NAME.files are installed-file evidence for NAME.</summary>
    private sealed class LineDbAnalyzer : IAnalyzer
    {
        public string Id => "test-linedb";
        public int Version => 1;

        public AnalyzerNeed Required(in EntryInfo entry)
            => entry.IsFile && (entry.FileName.SequenceEqual("pkgdb") || entry.FileName.EndsWith(".files") || entry.FileName.SequenceEqual("package-lock.json")) ? AnalyzerNeed.Content : AnalyzerNeed.None;

        public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
        {
            var text = Encoding.UTF8.GetString(input.Content);
            var path = input.Entry.Path;
            if (path.EndsWith(".files", StringComparison.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                result.AddPackageEvidence(new PackageEvidence(PackageTypes.Deb, name, PackageEvidence.Files, [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)], path));
                return;
            }

            var lockfile = path.EndsWith("package-lock.json", StringComparison.Ordinal);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                var record = new PackageRecord
                {
                    Type = lockfile ? PackageTypes.Npm : PackageTypes.Deb,
                    Name = parts[0],
                    Version = parts[1],
                    Arch = lockfile ? null : "amd64",
                    SourcePath = path,
                };
                if (lockfile)
                {
                    record.Metadata["origin"] = "lockfile";
                }

                result.AddPackage(record);
            }
        }
    }

    private static async Task<PackageInventory> InventoryAsync(OsInfo? os, params TarBuilder[] layers)
    {
        var catalog = new AnalyzerCatalog([new LineDbAnalyzer(), new FileCensusAnalyzer()]);
        var results = new List<LayerResult>();
        foreach (var layer in layers)
        {
            results.Add(await Analyse.TarAsync(layer.Build(), catalog));
        }

        return InventoryBuilder.Build(LayerMerger.Merge(results), os);
    }

    private static readonly OsInfo Debian = new("debian", "12.11", null, "etc/os-release");

    [Fact]
    public async Task Packages_carry_the_layer_that_introduced_them_and_upgrades_are_not_removals()
    {
        var inventory = await InventoryAsync(Debian,
            new TarBuilder().File("var/pkgdb", "base 1.0\nopenssl 3.0.1\n"),
            new TarBuilder().File("etc/unrelated", "x"),
            new TarBuilder().File("var/pkgdb", "base 1.0\nopenssl 3.0.2\ncurl 8.0\n"));

        Assert.Equal(["base@1.0:0", "curl@8.0:2", "openssl@3.0.2:2"], inventory.Packages.Select(p => $"{p.Record.Name}@{p.Record.Version}:{p.Layer}"));
        Assert.Empty(inventory.Removed);
        Assert.Equal("pkg:deb/debian/openssl@3.0.2?arch=amd64&distro=debian-12", inventory.Packages.Single(p => p.Record.Name == "openssl").Purl);
    }

    [Fact]
    public async Task A_package_dropped_from_the_database_is_reported_removed_with_both_layers()
    {
        var inventory = await InventoryAsync(Debian,
            new TarBuilder().File("var/pkgdb", "base 1.0\nnmap 7.93\n"),
            new TarBuilder().File("var/pkgdb", "base 1.0\n"));

        Assert.Equal(["base"], inventory.Packages.Select(p => p.Record.Name));
        var removed = Assert.Single(inventory.Removed);
        Assert.Equal(("nmap", 0, 1), (removed.Record.Name, removed.AddedIn, removed.RemovedIn));
    }

    [Fact]
    public async Task Deleting_the_database_or_its_directory_removes_every_package()
    {
        var whiteout = await InventoryAsync(Debian,
            new TarBuilder().File("var/lib/pkgdb", "a 1\nb 2\n"),
            new TarBuilder().Whiteout("var/lib/pkgdb"));
        Assert.Empty(whiteout.Packages);
        Assert.Equal(["a", "b"], whiteout.Removed.Select(r => r.Record.Name));
        Assert.All(whiteout.Removed, r => Assert.Equal(1, r.RemovedIn));

        var opaque = await InventoryAsync(Debian,
            new TarBuilder().File("var/lib/pkgdb", "a 1\n"),
            new TarBuilder().Directory("var/lib").Opaque("var/lib").File("var/lib/other", "x"));
        Assert.Empty(opaque.Packages);
        Assert.Equal(1, Assert.Single(opaque.Removed).RemovedIn);

        var parent = await InventoryAsync(Debian,
            new TarBuilder().File("var/lib/pkgdb", "a 1\n"),
            new TarBuilder().Whiteout("var"));
        Assert.Single(parent.Removed);
    }

    [Fact]
    public async Task A_package_removed_then_installed_again_is_present_from_the_later_layer()
    {
        var inventory = await InventoryAsync(Debian,
            new TarBuilder().File("pkgdb", "tool 1\n"),
            new TarBuilder().Whiteout("pkgdb"),
            new TarBuilder().File("pkgdb", "tool 1\n"));

        Assert.Equal(2, Assert.Single(inventory.Packages).Layer);
        Assert.Equal((0, 1), (Assert.Single(inventory.Removed).AddedIn, inventory.Removed[0].RemovedIn));
    }

    [Fact]
    public async Task Evidence_joins_only_when_its_file_survives()
    {
        var inventory = await InventoryAsync(Debian,
            new TarBuilder().File("var/pkgdb", "bash 5.2\nzlib 1.3\n").File("info/bash.files", "/bin/bash\n/etc/bash.bashrc\n").File("info/zlib.files", "/lib/libz.so.1\n"),
            new TarBuilder().Whiteout("info/zlib.files"));

        Assert.Equal(["/bin/bash", "/etc/bash.bashrc"], inventory.Packages.Single(p => p.Record.Name == "bash").Record.InstalledFiles);
        Assert.Empty(inventory.Packages.Single(p => p.Record.Name == "zlib").Record.InstalledFiles);
    }

    [Fact]
    public async Task Lockfile_packages_give_way_to_an_installed_node_modules_tree()
    {
        var shadowed = await InventoryAsync(null,
            new TarBuilder().File("app/package-lock.json", "left-pad 1.3.0\n").File("app/node_modules/left-pad/pkgdb", "left-pad 1.3.0\n"));
        Assert.Equal(["app/node_modules/left-pad/pkgdb"], shadowed.Packages.Select(p => p.Record.SourcePath));

        var alone = await InventoryAsync(null, new TarBuilder().File("srv/package-lock.json", "left-pad 1.3.0\n"));
        Assert.Equal("pkg:npm/left-pad@1.3.0", Assert.Single(alone.Packages).Purl);
    }

    [Theory]
    [InlineData("npm", "@angular", "core", "17.0.0", null, "pkg:npm/%40angular/core@17.0.0")]
    [InlineData("pypi", null, "Django_Rest.Framework", "3.14", null, "pkg:pypi/django-rest-framework@3.14")]
    [InlineData("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", null, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")]
    [InlineData("golang", null, "github.com/sirupsen/logrus", "v1.9.3", null, "pkg:golang/github.com/sirupsen/logrus@v1.9.3")]
    [InlineData("composer", "symfony", "console", "v6.4.0", null, "pkg:composer/symfony/console@v6.4.0")]
    [InlineData("gem", null, "rails", "7.1.2", null, "pkg:gem/rails@7.1.2")]
    [InlineData("nuget", null, "Newtonsoft.Json", "13.0.1", null, "pkg:nuget/Newtonsoft.Json@13.0.1")]
    [InlineData("apk", null, "musl", "1.2.4-r2", "x86_64", "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1")]
    public void Package_urls(string type, string? ns, string name, string version, string? arch, string expected)
    {
        var os = type == "apk" ? new OsInfo("alpine", "3.19.1", null, "etc/alpine-release") : null;
        var record = new PackageRecord { Type = type, Namespace = ns, Name = name, Version = version, Arch = arch, SourcePath = "x" };
        Assert.Equal(expected, PackageUrl.For(record, os));
    }

    [Fact]
    public void Rpm_and_deb_purls_carry_epoch_and_upstream()
    {
        var rhel = new OsInfo("redhat", "9.3", null, "etc/os-release");
        var rpm = new PackageRecord { Type = "rpm", Name = "openssl-libs", Version = "3.0.7-24.el9", Epoch = 1, Arch = "x86_64", SourcePath = "var/lib/rpm/rpmdb.sqlite" };
        Assert.Equal("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=redhat-9.3&epoch=1", PackageUrl.For(rpm, rhel));

        var deb = new PackageRecord { Type = "deb", Name = "libssl3", Version = "3.0.11-1~deb12u2", Arch = "amd64", SourceName = "openssl", SourcePath = "var/lib/dpkg/status" };
        Assert.Equal("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl", PackageUrl.For(deb, Debian));
    }

    [Theory]
    [InlineData("1:2.3~x_y-z.0", "1:2.3~x_y-z.0")]
    [InlineData("@scope", "%40scope")]
    [InlineData("a b/c?d&e=f#g+h", "a%20b%2Fc%3Fd%26e%3Df%23g%2Bh")]
    [InlineData("naïve", "na%C3%AFve")]
    [InlineData("€ 𝄞", "%E2%82%AC%20%F0%9D%84%9E")]
    public void Purl_components_are_percent_encoded_as_utf8(string value, string expected)
    {
        Assert.Equal(expected, PackageUrl.Encode(value));
        var record = new PackageRecord { Type = "generic", Name = value, Version = value, SourcePath = "x" };
        Assert.Equal($"pkg:generic/{expected}@{expected}", PackageUrl.For(record, null));
    }

    [Fact]
    public void A_lone_surrogate_is_encoded_as_the_replacement_character_as_utf8_encoding_does()
    {
        var value = "lone " + (char)0xD800 + " surrogate"; // built here: test data serialisation would not keep it
        Assert.Equal("lone%20%EF%BF%BD%20surrogate", PackageUrl.Encode(value));
    }

    [Fact]
    public void Deb_purl_with_epoch_source_version_and_every_qualifier_in_key_order()
    {
        var deb = new PackageRecord
        {
            Type = "deb", Name = "libpam0g", Version = "1:1.5.2-6", Arch = "amd64", SourceName = "pam", SourceVersion = "1.5.2-6+deb12u1",
            SourcePath = "var/lib/dpkg/status",
        };
        Assert.Equal("pkg:deb/debian/libpam0g@1.5.2-6?arch=amd64&distro=debian-12&epoch=1&upstream=pam%401.5.2-6%2Bdeb12u1", PackageUrl.For(deb, Debian));
    }
}
