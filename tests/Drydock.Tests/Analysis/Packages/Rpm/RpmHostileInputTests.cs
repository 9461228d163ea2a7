using System.Buffers.Binary;
using Drydock.Analysis;
using Drydock.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Broken and hostile rpm databases: each problem becomes a warning, and every package that can still be
/// read is read.</summary>
public sealed class RpmHostileInputTests(RpmLab lab) : IClassFixture<RpmLab>
{
    private static byte[] SqliteWith(params byte[][] blobs)
    {
        var path = Path.Combine(Path.GetTempPath(), "drydock-rpm-" + Guid.NewGuid().ToString("N") + ".sqlite");
        try
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var create = connection.CreateCommand();
                create.CommandText = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)";
                create.ExecuteNonQuery();
                foreach (var blob in blobs)
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO Packages (blob) VALUES ($b)";
                    insert.Parameters.AddWithValue("$b", blob);
                    insert.ExecuteNonQuery();
                }
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Codes(LayerResult result) => [.. result.Warnings.Select(w => w.Code)];

    [Fact]
    public void Zero_length_file_is_a_warning()
    {
        var result = RpmDb.Analyse("var/lib/rpm/rpmdb.sqlite", []);
        Assert.Equal(["rpmdb-empty"], Codes(result));
        Assert.Empty(result.Packages);
    }

    [Fact]
    public void Garbage_after_the_sqlite_magic_is_a_warning()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);

        var result = RpmDb.Analyse("var/lib/rpm/rpmdb.sqlite", bytes);

        Assert.Equal(["rpmdb-sqlite-invalid"], Codes(result));
        Assert.Empty(result.Packages);
    }

    [Fact]
    public void Unknown_content_is_a_warning()
    {
        Assert.Equal(["rpmdb-unknown-format"], Codes(RpmDb.Analyse("var/lib/rpm/Packages", "just text, no database"u8.ToArray())));
    }

    [Fact]
    public void Bad_headers_are_skipped_and_the_good_ones_kept()
    {
        var good = HeaderBlob.Package("good").Strings(1117, "a", "b").Strings(1118, "/usr/", "/etc/").Int32s(1116, 0, 1).Build();
        var truncated = HeaderBlob.Package("truncated").Build()[..40];
        var countPastBlob = HeaderBlob.Package("count").Build();
        BinaryPrimitives.WriteInt32BigEndian(countPastBlob, 5000);
        var offsetPastData = HeaderBlob.Package("offset").Build();
        BinaryPrimitives.WriteInt32BigEndian(offsetPastData.AsSpan(8 + 8), 1 << 20);
        var unterminated = HeaderBlob.Package("x").Build();
        unterminated[^1] = (byte)'!';
        var badDirIndex = HeaderBlob.Package("dirs").Strings(1117, "a").Strings(1118, "/usr/").Int32s(1116, 7).Build();
        var key = HeaderBlob.Package("gpg-pubkey", "3135ce90", "5e6fda74").Build();

        var result = RpmDb.Analyse("var/lib/rpm/rpmdb.sqlite", SqliteWith(good, truncated, countPastBlob, offsetPastData, unterminated, badDirIndex, key, [1, 2]));

        Assert.Equal(["dirs", "good"], result.Packages.Select(p => p.Name).ToList());
        Assert.Equal(["etc/b", "usr/a"], result.Packages.Single(p => p.Name == "good").InstalledFiles);
        Assert.Empty(result.Packages.Single(p => p.Name == "dirs").InstalledFiles);
        Assert.Equal(5, Codes(result).Count(c => c == "rpm-header-invalid"));
        Assert.Contains(result.Warnings, w => w.Code == "rpm-header-files-invalid" && w.Message.Contains("directory index 7", StringComparison.Ordinal));
    }

    /// <summary>The first overflow page that continues to another one, in a copy of the 512-byte-page hash file.</summary>
    private (byte[] Bytes, int Offset) OverflowLink()
    {
        var bytes = File.ReadAllBytes(Path.Combine(lab.BdbDirectory("hash512"), "Packages"));
        for (var page = 1; page < bytes.Length / 512; page++)
        {
            if (bytes[(page * 512) + 25] == 7 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((page * 512) + 16)) != 0)
            {
                return (bytes, (page * 512) + 16);
            }
        }

        throw new InvalidOperationException("the 512-byte-page hash file has no overflow chain");
    }

    [Fact]
    public void A_looping_overflow_chain_is_a_warning_and_the_other_packages_are_read()
    {
        var (bytes, link) = OverflowLink();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(link), (uint)(link / 512));

        var result = RpmDb.Analyse("var/lib/rpm/Packages", bytes);

        Assert.Equal(2, result.Packages.Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("rpmdb-bdb-invalid", warning.Code);
        Assert.Contains("loops back", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overflow_page_number_past_the_file_is_a_warning()
    {
        var (bytes, link) = OverflowLink();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(link), 0x7FFFFFF0);

        var result = RpmDb.Analyse("var/lib/rpm/Packages", bytes);

        Assert.Equal(2, result.Packages.Count);
        Assert.Contains("past the end", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_berkeley_db_file_reads_what_is_there()
    {
        var bytes = File.ReadAllBytes(Path.Combine(lab.BdbDirectory("hash512"), "Packages"));
        var result = RpmDb.Analyse("var/lib/rpm/Packages", bytes[..(bytes.Length / 2 / 512 * 512)]);

        Assert.Contains(result.Warnings, w => w.Message.Contains("truncated", StringComparison.Ordinal));
        Assert.True(result.Packages.Count < 3);
    }

    [SharedDataFact]
    public void An_ndb_slot_pointing_past_the_file_is_a_warning_and_the_rest_is_read()
    {
        var bytes = File.ReadAllBytes(SharedData.Path("package-fixtures", "go-rpmdb", "sle15-bci", "Packages.db"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32 + 12), 0x10000000);
        bytes[48] = (byte)'X';

        var result = RpmDb.Analyse("usr/lib/sysimage/rpm/Packages.db", bytes);

        Assert.Equal(33, result.Packages.Count);
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.Equal("rpmdb-ndb-invalid", w.Code));
    }

    [Theory]
    [InlineData("bdb-hash512")]
    [InlineData("bdb-btree")]
    [InlineData("sqlite")]
    public void Randomly_damaged_databases_never_throw(string kind)
    {
        var original = File.ReadAllBytes(kind == "sqlite" ? lab.SqlitePath : Path.Combine(lab.BdbDirectory(kind[4..]), "Packages"));
        var random = new Random(20240601);
        var warned = 0;
        for (var round = 0; round < 60; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = 0; flips < 1 + (round % 8); flips++)
            {
                bytes[random.Next(kind == "sqlite" ? 100 : 0, bytes.Length)] = (byte)random.Next(256);
            }

            var result = RpmDb.Analyse(kind == "sqlite" ? "var/lib/rpm/rpmdb.sqlite" : "var/lib/rpm/Packages", bytes);
            Assert.True(result.Packages.Count <= 3);
            warned += result.Warnings.Count > 0 ? 1 : 0;
        }

        Assert.True(warned > 0, "no damaged copy produced a warning");
    }
}
