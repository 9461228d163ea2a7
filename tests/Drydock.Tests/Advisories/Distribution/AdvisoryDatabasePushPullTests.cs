using System.Text;
using Drydock.Advisories;
using Drydock.Advisories.Distribution;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Drydock.Tests.Advisories.Distribution;

/// <summary>db push and db pull against Debian's real docker-registry: byte-identical round trips, blobs skipped on re-push,
/// resumed pulls, and refusal of corrupted or foreign artifacts.</summary>
public sealed class AdvisoryDatabasePushPullTests(DistributionRegistries registries) : IClassFixture<DistributionRegistries>, IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 0 };
    private static readonly AdvisoryDistributionOptions Distribution = new() { ChunkBytes = ChunkBytes };
    private readonly string _scratch = RepoPaths.Scratch("advisory-push-pull");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Database => registries.Database!;

    private static RegistryReference Ref(RegistryServer server, string tag = "v1")
        => RegistryReference.Parse($"{server.Host}/drydock/db-{Guid.NewGuid():N}:{tag}");

    private static RegistryClient Client(RegistryServer server, HttpMessageHandler? handler = null)
    {
        var credentials = new ExplicitCredentialProvider(server.Host, new RegistryCredential(RegistryServer.User, RegistryServer.Password), null);
        return new RegistryClient(server.Host, Options, credentials, handler);
    }

    private async Task<AdvisoryPushReport> PushAsync(RegistryServer server, RegistryReference target, string? database = null, HttpMessageHandler? handler = null)
    {
        using var client = Client(server, handler);
        return await new AdvisoryDatabasePusher(Distribution).PushAsync(database ?? Database, target, client, CancellationToken.None);
    }

    private async Task<AdvisoryPullReport> PullAsync(RegistryServer server, RegistryReference source, string target, string cache, HttpMessageHandler? handler = null)
    {
        using var client = Client(server, handler);
        return await new AdvisoryDatabasePuller(Distribution).PullAsync(source, client, target, cache, CancellationToken.None);
    }

    [SharedDataFact]
    public async Task Push_then_pull_gives_a_byte_identical_database_on_a_plain_registry()
        => await RoundTripAsync(registries.Plain);

    [SharedDataFact]
    public async Task Push_then_pull_gives_a_byte_identical_database_with_basic_auth()
        => await RoundTripAsync(registries.Basic);

    private async Task RoundTripAsync(RegistryServer server)
    {
        var target = Ref(server);
        var pushed = await PushAsync(server, target);
        var size = new FileInfo(Database).Length;
        Assert.Equal(size, pushed.DatabaseSize);
        Assert.Equal((int)((size + ChunkBytes - 1) / ChunkBytes), pushed.Chunks);
        Assert.True(pushed.Chunks > 2, $"the test database should span several chunks, got {pushed.Chunks}");
        Assert.Equal(pushed.Chunks + 1, pushed.BlobsUploaded);

        var output = Path.Combine(_scratch, "pulled", "advisories.db");
        var pulled = await PullAsync(server, target, output, Path.Combine(_scratch, "cache"));
        Assert.Equal(pushed.Chunks, pulled.ChunksDownloaded);
        Assert.Equal(0, pulled.ChunksReused);
        Assert.Equal(pushed.ManifestDigest, pulled.ManifestDigest);
        Assert.Equal(await File.ReadAllBytesAsync(Database), await File.ReadAllBytesAsync(output));
        using var store = AdvisoryStore.Open(output);
        Assert.True(store.Info.KevEntries > 0);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, ".*"));
    }

    [SharedDataFact]
    public async Task The_manifest_is_an_oci_artifact_with_schema_annotations()
    {
        var target = Ref(registries.Plain);
        await PushAsync(registries.Plain, target);
        using var client = Client(registries.Plain);
        var document = await client.GetManifestAsync(target.Repository, target.Tag!, CancellationToken.None);
        var manifest = document.Manifest!;
        Assert.Equal(MediaTypes.OciManifest, document.MediaType);
        Assert.Equal(AdvisoryArtifact.ArtifactType, manifest.ArtifactType);
        Assert.Equal(AdvisoryArtifact.ConfigMediaType, manifest.Config!.MediaType);
        Assert.Equal(AdvisorySchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), manifest.Annotations![AdvisoryArtifact.SchemaVersionAnnotation]);
        Assert.All(manifest.Layers!, l => Assert.Equal(AdvisoryArtifact.ChunkMediaType, l.MediaType));
        var whole = Digest.Sha256Of(await File.ReadAllBytesAsync(Database));
        Assert.Equal(whole.ToString(), manifest.Annotations[AdvisoryArtifact.DatabaseDigestAnnotation]);
    }

    [SharedDataFact]
    public async Task A_repush_of_an_unchanged_database_uploads_no_blob()
    {
        var target = Ref(registries.Plain);
        var first = await PushAsync(registries.Plain, target);
        using var counting = new CountingHandler();
        var second = await PushAsync(registries.Plain, target, handler: counting);
        Assert.Equal(0, counting.Count("POST", "/blobs/uploads/"));
        Assert.Equal(0, counting.Count("PUT", "/blobs/uploads/"));
        Assert.Equal(first.Chunks + 1, counting.Count("HEAD", "/blobs/sha256:"));
        Assert.Equal(0, second.BlobsUploaded);
        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
    }

    [SharedDataFact]
    public async Task A_changed_page_uploads_only_the_chunks_that_hold_it()
    {
        var target = Ref(registries.Plain);
        var first = await PushAsync(registries.Plain, target);
        var changed = Path.Combine(_scratch, "changed.db");
        File.Copy(Database, changed);
        using (var connection = new SqliteConnection($"Data Source={changed};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '2030-01-01T00:00:00Z' WHERE key = 'built_at'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var counting = new CountingHandler();
        var second = await PushAsync(registries.Plain, target, changed, counting);
        Assert.InRange(second.BlobsUploaded, 2, first.Chunks); // the changed chunk(s) and the config; never all of them
        Assert.Equal(second.BlobsUploaded, counting.Count("POST", "/blobs/uploads/"));
        Assert.NotEqual(first.ManifestDigest, second.ManifestDigest);

        // A pull of the new version over a cache of the old fetches only the changed chunks.
        var cache = Path.Combine(_scratch, "cache");
        var output = Path.Combine(_scratch, "out.db");
        await PullAsync(registries.Plain, target, output, cache);
        var old = Ref(registries.Plain);
        await PushAsync(registries.Plain, old);
        var repull = await PullAsync(registries.Plain, old, output, cache);
        Assert.Equal(first.Chunks, repull.Chunks);
        Assert.InRange(repull.ChunksDownloaded, 1, first.Chunks - 1);
        Assert.Equal(await File.ReadAllBytesAsync(Database), await File.ReadAllBytesAsync(output));
    }

    [SharedDataFact]
    public async Task An_interrupted_pull_leaves_no_database_and_resumes_without_refetching_its_chunk()
    {
        var target = Ref(registries.Plain);
        var pushed = await PushAsync(registries.Plain, target);
        var output = Path.Combine(_scratch, "resume", "advisories.db");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var cache = Path.Combine(_scratch, "cache");
        var blobGets = 0;
        using (var cutting = new CountingHandler(r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal)
            && Interlocked.Increment(ref blobGets) > 1))
        {
            var broken = await Assert.ThrowsAnyAsync<DrydockInputException>(() => PullAsync(registries.Plain, target, output, cache, cutting));
            Assert.Contains("cannot reach registry", broken.Message);
        }

        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!));
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(cache, "blobs", "sha256")));

        using var counting = new CountingHandler();
        var resumed = await PullAsync(registries.Plain, target, output, cache, counting);
        Assert.Equal(1, resumed.ChunksReused);
        Assert.Equal(pushed.Chunks - 1, resumed.ChunksDownloaded);
        Assert.Equal(0, counting.Count("GET", Path.GetFileName(kept)));
        Assert.Equal(pushed.Chunks - 1, counting.Count("GET", "/blobs/sha256:"));
        Assert.Equal(await File.ReadAllBytesAsync(Database), await File.ReadAllBytesAsync(output));
    }

    [SharedDataFact]
    public async Task A_corrupted_blob_in_registry_storage_is_refused_and_the_old_database_kept()
    {
        var target = Ref(registries.Plain);
        await PushAsync(registries.Plain, target);
        using var client = Client(registries.Plain);
        var manifest = (await client.GetManifestAsync(target.Repository, target.Tag!, CancellationToken.None)).Manifest!;
        var victim = registries.Plain.BlobPath(manifest.Layers![1].Digest!);
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[bytes.Length / 2] ^= 0x5a;
        await File.WriteAllBytesAsync(victim, bytes);

        var output = Path.Combine(_scratch, "kept", "advisories.db");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, "previous database");
        var cache = Path.Combine(_scratch, "cache");
        var refused = await Assert.ThrowsAsync<DigestMismatchException>(() => PullAsync(registries.Plain, target, output, cache));
        Assert.Contains(manifest.Layers[1].Digest!, refused.Message);
        Assert.Equal("previous database", await File.ReadAllTextAsync(output));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(cache, "blobs", "sha256")), f => f.EndsWith(manifest.Layers[1].Digest!["sha256:".Length..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/vnd.example.other.v1", "1", "not a Drydock advisory database")]
    [InlineData(AdvisoryArtifact.ArtifactType, "99", "schema version 99")]
    public async Task A_foreign_artifact_or_another_schema_is_refused_with_a_clear_message(string artifactType, string schema, string expected)
    {
        var target = Ref(registries.Plain);
        using var client = Client(registries.Plain);
        var config = "{}"u8.ToArray();
        var configDigest = Digest.Sha256Of(config);
        await client.UploadBlobAsync(target.Repository, configDigest, config, CancellationToken.None);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"artifactType\":\"" + artifactType + "\"," +
            "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":2}," +
            "\"layers\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":2}]," +
            "\"annotations\":{\"" + AdvisoryArtifact.SchemaVersionAnnotation + "\":\"" + schema + "\"}}");
        await client.PutManifestAsync(target.Repository, target.Tag!, manifest, MediaTypes.OciManifest, CancellationToken.None);
        var output = Path.Combine(_scratch, "foreign.db");
        var refused = await Assert.ThrowsAnyAsync<DrydockInputException>(() => PullAsync(registries.Plain, target, output, Path.Combine(_scratch, "cache")));
        Assert.Contains(expected, refused.Message);
        Assert.False(File.Exists(output));
    }

    [SharedDataFact]
    public async Task The_cli_pushes_and_pulls_with_basic_auth()
    {
        var reference = $"{registries.Basic.Host}/drydock/cli-db:2024";
        var push = await CliRunner.WithInputAsync(RegistryServer.Password + "\n", "db", "push", reference, "--advisory-db", Database,
            "--username", RegistryServer.User, "--password-stdin", "--chunk-size-mib", "1");
        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.Contains("uploaded", push.Stdout);

        var output = Path.Combine(_scratch, "cli", "advisories.db");
        var pull = await CliRunner.WithInputAsync(RegistryServer.Password + "\n", "db", "pull", reference, "--advisory-db", output,
            "--cache-dir", Path.Combine(_scratch, "cli-cache"), "--username", RegistryServer.User, "--password-stdin");
        Assert.True(pull.ExitCode == 0, pull.Stderr);
        Assert.Equal(await File.ReadAllBytesAsync(Database), await File.ReadAllBytesAsync(output));

        var anonymous = await CliRunner.InProcessAsync("db", "pull", reference, "--advisory-db", output, "--cache-dir", Path.Combine(_scratch, "cli-cache"));
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("authentication required", anonymous.Stderr);
    }
}
