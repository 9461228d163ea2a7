using System.Text.Json;
using Drydock.Catalog;
using Drydock.Project;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Catalog;

/// <summary>The hardened base catalog end to end: real registry, real images, the project database in SQLite and in a real PostgreSQL server.</summary>
[Collection(BaseCatalogCollection.Name)]
public sealed class BaseCatalogTests(BaseCatalogFixture fixture)
{
    /// <summary>SQLite always; PostgreSQL when its binaries are installed (see <see cref="PostgreSQL_is_installed_for_the_catalog_tests"/>).</summary>
    public static TheoryData<string> Engines()
    {
        var engines = new TheoryData<string> { "sqlite" };
        if (PostgresServer.BinDirectory is not null)
        {
            engines.Add("postgres");
        }

        return engines;
    }

    [PostgresFact]
    public async Task PostgreSQL_is_installed_for_the_catalog_tests()
    {
        // Creating a database needs the server the fixture started: this fails when it did not start.
        var url = await fixture.Postgres.CreateDatabaseAsync();
        Assert.StartsWith($"postgres://drydock@127.0.0.1:{fixture.Postgres.Port}/t", url);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrations_are_applied_once_even_when_eight_processes_open_a_new_database_at_once(string engine)
    {
        var location = ProjectDatabaseLocation.Parse(await NewDatabaseAsync(engine));
        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ProjectDatabase.OpenAsync(location, CancellationToken.None))));
        Assert.All(opened, d => Assert.Equal(ProjectMigrations.Latest, d.SchemaVersion));
        await using var again = await ProjectDatabase.OpenAsync(location, CancellationToken.None);
        await using (var connection = await again.OpenConnectionAsync(CancellationToken.None))
        await using (var count = SqlCommands.Command(connection, null, "SELECT COUNT(*) FROM schema_migrations"))
        {
            Assert.Equal(ProjectMigrations.All.Count, Convert.ToInt32(await count.ExecuteScalarAsync()));
        }

        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Add_records_digest_platform_tags_and_the_diff_id_chain_and_remove_takes_it_out(string engine)
    {
        var db = await NewDatabaseAsync(engine);
        var add = await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/busybox:1.0"), fixture.Ref("hardened/tools:1.0"), "--db", db);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains($"added {fixture.Ref("hardened/tools")}:1.0@{fixture.ToolsDigest}: linux/amd64 (2 layers)", add.Stdout);

        var images = await ListAsync(db);
        Assert.Equal(2, images.Count);
        var busybox = Assert.Single(images, i => i.Repository == fixture.Ref("hardened/busybox"));
        var tools = Assert.Single(images, i => i.Repository == fixture.Ref("hardened/tools"));
        Assert.Equal(["1.0"], busybox.Tags);
        Assert.Equal("linux/amd64", tools.Platform);
        Assert.Equal(fixture.ToolsDigest, tools.ManifestDigest);
        Assert.Null(tools.IndexDigest);
        Assert.NotNull(tools.Created);
        Assert.Equal(2, tools.DiffIds.Count);
        Assert.Equal(busybox.DiffIds[0], tools.DiffIds[0]);

        var table = await CliRunner.InProcessAsync("base", "list", "--db", db);
        Assert.Contains("hardened/tools", table.Stdout);
        Assert.Contains("linux/amd64", table.Stdout);

        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "remove", fixture.Ref("hardened/tools:1.0"), "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "remove", busybox.ManifestDigest, "--db", db)).ExitCode);
        Assert.Empty(await ListAsync(db));

        var again = await CliRunner.InProcessAsync("base", "remove", fixture.Ref("hardened/tools:1.0"), "--db", db);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"drydock: {fixture.Ref("hardened/tools:1.0")} is not in the catalog (see 'drydock base list')", again.Stderr.Trim());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Sync_records_every_tag_of_a_repository_following_the_registrys_pages(string engine)
    {
        var db = await NewDatabaseAsync(engine);
        await using (var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(db), CancellationToken.None))
        {
            var store = new SqlBaseCatalogStore(database);
            var resolver = new BaseImageResolver(new RegistryImageSource(), new SourceOptions(), tagPageSize: 1);
            var pages = 0;
            await foreach (var resolved in resolver.ResolveRepositoryAsync(Drydock.References.RegistryReference.Parse(fixture.Ref("hardened/busybox")), CancellationToken.None))
            {
                await store.AddAsync(resolved.Images, resolved.Repository, resolved.RootDigest, [resolved.Tag!], CancellationToken.None);
                pages++;
            }

            Assert.Equal(3, pages);
        }

        var image = Assert.Single(await ListAsync(db));
        Assert.Equal(["1.0", "1.1", "1.2"], image.Tags);

        var sync = await CliRunner.InProcessAsync("base", "sync", fixture.Ref("hardened/busybox"), "--db", db);
        Assert.True(sync.ExitCode == 0, sync.Stderr);
        Assert.Contains($"synced {fixture.Ref("hardened/busybox")}: 3 tags, 3 platform images", sync.Stdout);
        Assert.Single(await ListAsync(db));

        var tagged = await CliRunner.InProcessAsync("base", "sync", fixture.Ref("hardened/busybox:1.0"), "--db", db);
        Assert.Equal(2, tagged.ExitCode);
        Assert.StartsWith("drydock: base sync takes a repository without tag or digest", tagged.Stderr);
    }

    [Fact]
    public async Task Add_of_an_index_records_every_platform_under_the_index_digest()
    {
        var db = await NewDatabaseAsync("sqlite");
        var add = await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/multi:latest"), "--db", db);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var images = await ListAsync(db);
        Assert.Equal(["linux/amd64", "linux/arm64"], images.Select(i => i.Platform).Order());
        Assert.Single(images.Select(i => i.IndexDigest).Distinct());
        Assert.NotNull(images[0].IndexDigest);
        Assert.All(images, i => Assert.Equal(["latest"], i.Tags));
        Assert.Equal([1, 3], images.Select(i => i.DiffIds.Count).Order());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Scan_reports_the_longest_catalog_base_trusts_a_matching_annotation_and_marks_base_findings(string engine)
    {
        var db = await NewDatabaseAsync(engine);
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/busybox:1.0"), fixture.Ref("hardened/tools:1.0"), "--db", db)).ExitCode);
        var scan = await ScanAsync(fixture.Ref("apps/app:v1"), db);
        var report = scan.Report;
        var b = report.Base!;
        Assert.Equal("layers", b.DetectedBy);
        Assert.Equal(fixture.Ref("hardened/tools:1.0"), b.Name);
        Assert.Equal(fixture.ToolsDigest, b.Digest);
        Assert.Equal(2, b.Layers);
        Assert.Equal("manifest", b.Annotation!.Source);
        Assert.True(b.Annotation.Trusted, b.Annotation.Note);
        Assert.Contains(report.Secrets, s => s.RuleId == "rsa-private-key" && s.Path == "/etc/ssl/private/base.key" && s.FromBase);
        Assert.Contains(report.Secrets, s => s.RuleId == "github-token" && s.Path == "/app/.env" && !s.FromBase);
        Assert.Contains("\"fromBase\": true", scan.Stdout);

        var hidden = (await ScanAsync(fixture.Ref("apps/app:v1"), db, "--ignore-base")).Report;
        Assert.All(hidden.Secrets, s => Assert.False(s.FromBase));
        Assert.Contains(hidden.Secrets, s => s.RuleId == "github-token");
        Assert.Equal(report.Secrets.Count(s => s.FromBase), hidden.Base!.HiddenFindings);
        Assert.True(hidden.Base.HiddenFindings > 0);

        var table = await CliRunner.InProcessAsync("scan", fixture.Ref("apps/app:v1"), "-q", "--no-cache", "--scanners", "secret", "--db", db, "--ignore-base");
        Assert.Contains($"{fixture.Ref("hardened/tools:1.0")} (2 layers, matched by layers); annotation agrees", table.Stdout);
    }

    [Fact]
    public async Task Scan_distrusts_an_annotation_the_layers_contradict_and_finds_the_real_base()
    {
        var db = await NewDatabaseAsync("sqlite");
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "sync", fixture.Ref("hardened/busybox"), "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/tools:1.0"), "--db", db)).ExitCode);

        var liar = (await ScanAsync(fixture.Ref("apps/liar:v1"), db)).Report.Base!;
        Assert.Equal("layers", liar.DetectedBy);
        Assert.Equal(fixture.Ref("hardened/busybox:1.0"), liar.Name);
        Assert.Equal(["1.0", "1.1", "1.2"], liar.Tags);
        Assert.Equal(1, liar.Layers);
        Assert.Equal("config", liar.Annotation!.Source);
        Assert.False(liar.Annotation.Trusted);
        Assert.Contains("are not the image's lowest layers", liar.Annotation.Note);

        // The real layered test image: its lowest layer is busybox's.
        var layered = (await ScanAsync(fixture.Ref("apps/layered:v1"), db)).Report;
        Assert.Equal(fixture.Ref("hardened/busybox"), layered.Base!.Repository);
        Assert.Equal(1, layered.Base.Layers);
        Assert.Null(layered.Base.Annotation);
    }

    [Fact]
    public async Task Policy_base_requirement_admits_only_images_whose_layers_sit_on_a_catalog_base()
    {
        var policy = Path.Combine(RepoPaths.Scratch("base-policy"), "policy.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nbase:\n  require: hardened\n");
        var db = await NewDatabaseAsync("sqlite");
        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/tools:1.0"), "--db", db)).ExitCode);
        string[] check = ["policy", "check", "--policy", policy, "--db", db, "--scanners", "secret", "--no-cache", "-q"];

        // app is built on tools; layered only on busybox, which is not in the catalog yet; liar only claims tools.
        var app = await CliRunner.InProcessAsync([.. check, fixture.Ref("apps/app:v1")]);
        Assert.True(app.ExitCode == 0, app.Stdout + app.Stderr);
        Assert.Contains(fixture.Ref("hardened/tools:1.0"), app.Stdout);
        var layered = await CliRunner.InProcessAsync([.. check, fixture.Ref("apps/layered:v1")]);
        Assert.Equal(1, layered.ExitCode);
        Assert.Contains("no hardened base detected: the image is not built on a catalog base", layered.Stdout);
        var liar = await CliRunner.InProcessAsync([.. check, fixture.Ref("apps/liar:v1")]);
        Assert.Equal(1, liar.ExitCode);

        Assert.Equal(0, (await CliRunner.InProcessAsync("base", "add", fixture.Ref("hardened/busybox:1.0"), "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRunner.InProcessAsync([.. check, fixture.Ref("apps/layered:v1")])).ExitCode);
    }

    [Fact]
    public async Task Without_a_catalog_the_annotation_is_reported_untrusted_and_no_database_is_created()
    {
        var data = RepoPaths.Scratch("xdg-data");
        var run = await CliRunner.ProcessAsync(new Dictionary<string, string> { ["XDG_DATA_HOME"] = data, ["DRYDOCK_DB"] = "" },
            "scan", fixture.Ref("apps/app:v1"), "-q", "--no-cache", "--scanners", "secret", "--format", "json", "--ignore-base");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var b = run.Report.Base!;
        Assert.Equal("annotation", b.DetectedBy);
        Assert.Equal(fixture.ToolsDigest, b.Digest);
        Assert.False(b.Annotation!.Trusted);
        Assert.Contains(run.Report.Warnings, w => w.Code == "ignore-base-no-base");
        Assert.Contains(run.Report.Secrets, s => s.RuleId == "rsa-private-key" && !s.FromBase);
        Assert.False(File.Exists(Path.Combine(data, "drydock", ProjectDatabase.FileName)));
    }

    [Theory]
    [InlineData("mysql://u@h/db", "drydock: --db: unsupported database URL 'mysql://...'")]
    [InlineData("postgres://u@127.0.0.1:1/db", "drydock: cannot open the project database postgres://u@127.0.0.1:1/db:")]
    [InlineData("postgres://u@127.0.0.1/", "drydock: --db: the postgres:// URL names no database")]
    [InlineData("postgres://u@127.0.0.1/db?sslmode=sometimes", "drydock: --db: unknown sslmode 'sometimes'")]
    public async Task Bad_database_locations_are_one_line_errors(string db, string message)
    {
        var run = await CliRunner.InProcessAsync("base", "list", "--db", db);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Only_registry_images_can_be_catalogued()
    {
        var run = await CliRunner.InProcessAsync("base", "add", $"oci:{fixture.Images.OciLayout("busybox")}:latest", "--db", await NewDatabaseAsync("sqlite"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a registry image", run.Stderr);
    }

    [Fact]
    public void A_postgres_url_keeps_its_password_out_of_messages()
    {
        var location = ProjectDatabaseLocation.Parse("postgresql://ci:p%40ss@db.example:6543/drydock?sslmode=require&host=/run/postgresql");
        Assert.Equal(ProjectDatabaseKind.Postgres, location.Kind);
        Assert.Equal("postgres://ci@/run/postgresql:6543/drydock", location.Display);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(("ci", "p@ss", "/run/postgresql", 6543, "drydock", Npgsql.SslMode.Require),
            (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database, builder.SslMode));
    }

    [Fact]
    public void Chain_ids_follow_the_image_spec()
    {
        string[] diffIds = ["sha256:" + new string('a', 64), "sha256:" + new string('b', 64)];
        var chains = ChainId.Prefixes(diffIds);
        Assert.Equal(diffIds[0], chains[0]);
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(diffIds[0] + " " + diffIds[1])));
        Assert.Equal(expected, chains[1]);
        Assert.Equal(expected, ChainId.Of(diffIds));
    }

    private async Task<string> NewDatabaseAsync(string engine) => engine == "postgres"
        ? await fixture.Postgres.CreateDatabaseAsync()
        : Path.Combine(RepoPaths.Scratch("catalog"), "drydock.db");

    private static async Task<List<BaseImage>> ListAsync(string db)
    {
        var run = await CliRunner.InProcessAsync("base", "list", "--db", db, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonSerializer.Deserialize(run.Stdout, CatalogJsonContext.Default.ListBaseImage)!;
    }

    private static async Task<CliRunner.Run> ScanAsync(string image, string db, params string[] extra)
    {
        var run = await CliRunner.InProcessAsync(["scan", image, "-q", "--no-cache", "--scanners", "secret", "--format", "json", "--db", db, .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }
}
