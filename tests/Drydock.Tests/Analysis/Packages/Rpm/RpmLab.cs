using System.Globalization;
using System.Text;
using Drydock.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Real rpm databases made by the real tools: three noarch packages built with <c>rpmbuild</c> and installed
/// with <c>rpm</c> (4.18, SQLite backend) under a temporary root; the same header blobs loaded into Berkeley DB hash
/// (4 KiB and 512-byte pages, the latter forcing overflow chains) and btree files with <c>db5.3_load</c>.
/// Needs Debian's <c>rpm</c> and <c>db5.3-util</c> packages.</summary>
public sealed class RpmLab : IAsyncLifetime
{
    public const string QueryFormat = "%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\t%{VENDOR}\t%{MODULARITYLABEL}\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "drydock-rpmlab-" + Guid.NewGuid().ToString("N"));

    /// <summary>The installed root; its database is <c>var/lib/rpm/rpmdb.sqlite</c>.</summary>
    public string Root => Path.Combine(_dir, "root");

    public string SqlitePath => Path.Combine(Root, "var", "lib", "rpm", "rpmdb.sqlite");

    /// <summary>Directory holding a Berkeley DB <c>Packages</c> of the given kind (hash, hash512, btree).</summary>
    public string BdbDirectory(string kind) => Path.Combine(_dir, "bdb-" + kind);

    /// <summary>The header blobs as SQLite holds them, by hnum.</summary>
    public List<(long Hnum, byte[] Blob)> Blobs { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { "rpmbuild", "rpm", "db5.3_load" })
        {
            if (!File.Exists(Path.Combine("/usr/bin", tool)))
            {
                throw new InvalidOperationException($"/usr/bin/{tool} is missing: apt-get install -y rpm db5.3-util");
            }
        }

        var top = Path.Combine(_dir, "top");
        foreach (var d in new[] { "SPECS", "BUILD", "RPMS", "SOURCES", "SRPMS", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(top, d));
        }

        var longDescription = string.Join('\n', Enumerable.Range(0, 60).Select(i => $"Line {i} of a description long enough to need overflow pages."));
        var specs = new Dictionary<string, string>
        {
            ["alpha"] = Spec("alpha", null, "1.2.3", "1.el9", "MIT", null, null, "Alpha tool", ["/usr/bin/alpha-data", "/usr/share/alpha/README"]),
            ["beta"] = Spec("beta", 2, "0.9", "4.fc40", "GPL-2.0-or-later AND MIT", "Drydock Lab", "beta:1:20240101:abcd", "Beta library",
                ["/etc/beta/beta.conf", "/usr/share/beta/README", "/usr/share/beta/doc/notes.txt"]),
            ["gamma"] = Spec("gamma", 0, "10.0~rc1", "0.3", "BSD-3-Clause", "Gamma Inc.", null, longDescription, ["/opt/gamma/lib/gamma.dat"]),
        };
        foreach (var (name, text) in specs)
        {
            var spec = Path.Combine(top, "SPECS", name + ".spec");
            await File.WriteAllTextAsync(spec, text);
            await ProcessRunner.RunCheckedAsync("rpmbuild", "--define", "_topdir " + top, "--define", "_tmppath " + Path.Combine(top, "tmp"), "-bb", spec);
        }

        var rpms = Directory.GetFiles(Path.Combine(top, "RPMS", "noarch"), "*.rpm").Order(StringComparer.Ordinal).ToArray();
        await ProcessRunner.RunCheckedAsync("rpm", "--root", Root, "--dbpath", "/var/lib/rpm", "--initdb");
        await ProcessRunner.RunCheckedAsync("rpm", ["--root", Root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--ignoreos", .. rpms]);

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hnum, blob FROM Packages ORDER BY hnum";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Blobs.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
        }

        foreach (var (kind, type, pageSize) in new[] { ("hash", "hash", 4096), ("hash512", "hash", 512), ("btree", "btree", 4096) })
        {
            var dump = new StringBuilder($"VERSION=3\nformat=bytevalue\ntype={type}\ndb_pagesize={pageSize}\nHEADER=END\n");
            foreach (var (hnum, blob) in Blobs)
            {
                dump.Append(' ').Append(Convert.ToHexStringLower(BitConverter.GetBytes((uint)hnum))).Append("\n ")
                    .Append(Convert.ToHexStringLower(blob)).Append('\n');
            }

            dump.Append("DATA=END\n");
            Directory.CreateDirectory(BdbDirectory(kind));
            var dumpFile = Path.Combine(_dir, kind + ".dump");
            await File.WriteAllTextAsync(dumpFile, dump.ToString());
            await ProcessRunner.RunCheckedAsync("db5.3_load", "-f", dumpFile, Path.Combine(BdbDirectory(kind), "Packages"));
        }
    }

    /// <summary><c>rpm -qa</c> over the SQLite database (or another backend and directory), one line per package, sorted.</summary>
    public async Task<List<string>> QueryAllAsync(string? dbPath = null, string backend = "sqlite")
    {
        var args = dbPath is null
            ? new List<string> { "--root", Root, "--dbpath", "/var/lib/rpm" }
            : ["--dbpath", dbPath];
        var result = await ProcessRunner.RunCheckedAsync("rpm", [.. args, "--define", "_db_backend " + backend, "-qa", "--qf", QueryFormat]);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace("(none)", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Our record in the same shape as <see cref="QueryFormat"/>.</summary>
    public static string Line(Drydock.Analysis.Packages.PackageRecord p)
    {
        var dash = p.Version.LastIndexOf('-');
        return string.Join('\t', p.Name, (p.Epoch ?? 0).ToString(CultureInfo.InvariantCulture), p.Version[..dash], p.Version[(dash + 1)..], p.Arch,
            p.SourceName + "-" + p.SourceVersion + ".src.rpm", p.Licenses.SingleOrDefault(), p.Supplier, p.Metadata.GetValueOrDefault("modularitylabel"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private static string Spec(string name, int? epoch, string version, string release, string license, string? vendor, string? modularity,
        string description, string[] files)
    {
        var spec = new StringBuilder();
        spec.Append(CultureInfo.InvariantCulture, $"Name: {name}\n");
        if (epoch is { } e)
        {
            spec.Append(CultureInfo.InvariantCulture, $"Epoch: {e}\n");
        }

        spec.Append(CultureInfo.InvariantCulture, $"Version: {version}\nRelease: {release}\nSummary: {name} for scanner tests\nLicense: {license}\nBuildArch: noarch\n");
        if (vendor is not null)
        {
            spec.Append(CultureInfo.InvariantCulture, $"Vendor: {vendor}\n");
        }

        if (modularity is not null)
        {
            spec.Append(CultureInfo.InvariantCulture, $"ModularityLabel: {modularity}\n");
        }

        spec.Append(CultureInfo.InvariantCulture, $"%description\n{description}\n%install\n");
        foreach (var f in files)
        {
            spec.Append(CultureInfo.InvariantCulture, $"mkdir -p %{{buildroot}}{Path.GetDirectoryName(f)}\necho {name} > %{{buildroot}}{f}\n");
        }

        spec.Append("%files\n").AppendJoin('\n', files).Append('\n');
        return spec.ToString();
    }
}
