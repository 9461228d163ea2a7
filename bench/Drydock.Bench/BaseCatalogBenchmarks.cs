using BenchmarkDotNet.Attributes;
using Drydock.Catalog;
using Drydock.Project;

namespace Drydock.Bench;

/// <summary>Base detection's catalog lookup (one indexed chain-ID query) on a SQLite catalog of 10 and of 10,000 bases:
/// the two should cost the same.</summary>
[MemoryDiagnoser]
public class BaseCatalogBenchmarks
{
    private IProjectDatabase _database = null!;
    private SqlBaseCatalogStore _store = null!;
    private string _directory = null!;
    private string[] _image = null!;

    [Params(10, 10_000)]
    public int Bases { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("drydock-bench-catalog-").FullName;
        _database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(Path.Combine(_directory, "drydock.db")), CancellationToken.None);
        _store = new SqlBaseCatalogStore(_database);
        var bases = Enumerable.Range(0, Bases).Select(i => new BaseImage
        {
            Repository = "registry.example/hardened/base" + i,
            ManifestDigest = Digest(i, 0xff),
            Platform = "linux/amd64",
            DiffIds = [.. Enumerable.Range(0, 1 + (i % 5)).Select(l => Digest(i, l))],
        }).ToList();
        await _store.AddAsync(bases, "registry.example/hardened/base0", bases[0].ManifestDigest, ["latest"], CancellationToken.None);

        // A 12-layer image on the 3-layer base number 2.
        _image = [.. bases[2].DiffIds, .. Enumerable.Range(0, 9).Select(l => Digest(-1, l))];
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<BaseImage?> LongestPrefix() => await _store.FindLongestPrefixAsync(_image, CancellationToken.None);

    private static string Digest(int image, int layer) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(((long)image << 32) | (uint)layer)));
}
