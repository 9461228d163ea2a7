using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Drydock.Tests.Fixtures;

/// <summary>A real PostgreSQL server from Debian's packages (initdb into a temp folder, postgres on a free loopback port,
/// trust authentication on loopback only), started once for the test collection and stopped at its end. Root cannot
/// run postgres, so as root the server runs as the <c>postgres</c> user through runuser.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "drydock";
    private string? _dataDirectory;
    private string? _root;

    /// <summary>The folder holding initdb and postgres, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>The loopback port.</summary>
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (BinDirectory is null)
        {
            return;
        }

        var asRoot = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("drydock-pg-").FullName;
        _dataDirectory = Path.Combine(_root, "data");
        Directory.CreateDirectory(_dataDirectory);
        if (asRoot)
        {
            await ProcessRunner.RunCheckedAsync("chown", "-R", "postgres:postgres", _root);
        }

        Port = RegistryServer.FreePort();
        await RunAsync(asRoot, "initdb", "-D", _dataDirectory, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8");
        await RunAsync(asRoot, "pg_ctl", "-D", _dataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c fsync=off -c max_connections=100");
    }

    /// <summary>Creates a fresh database and returns its <c>postgres://</c> URL (each test gets its own).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return $"postgres://{User}@127.0.0.1:{Port}/{name}";
    }

    public async Task DisposeAsync()
    {
        if (_dataDirectory is null || _root is null)
        {
            return;
        }

        try
        {
            await RunAsync(Environment.UserName == "root", "pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task RunAsync(bool asRoot, string tool, params string[] args)
    {
        var binary = Path.Combine(BinDirectory!, tool);
        string[] command = asRoot ? ["runuser", "-u", "postgres", "--", binary, .. args] : [binary, .. args];
        var result = await ProcessRunner.RunAsync(command[0], command[1..], TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({result.ExitCode}): {result.Stderr}{result.Stdout}");
        }
    }

    private static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }
}

/// <summary>A theory that needs PostgreSQL's server binaries; skipped with the reason when they are absent.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.BinDirectory is null)
        {
            Skip = "PostgreSQL is absent (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql, or run scripts/install-deps.sh)";
        }
    }
}

/// <summary>A fact that needs PostgreSQL's server binaries; skipped with the reason when they are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinDirectory is null)
        {
            Skip = "PostgreSQL is absent (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql, or run scripts/install-deps.sh)";
        }
    }
}

/// <summary>A fact that needs a PostgreSQL server and ../shared/testdata; skipped with the reason when either is absent.</summary>
public sealed class PostgresSharedDataFactAttribute : FactAttribute
{
    public PostgresSharedDataFactAttribute()
    {
        Skip = PostgresServer.BinDirectory is null ? new PostgresFactAttribute().Skip : RepoPaths.SharedTestData is null ? SharedData.AbsentMessage : null;
    }
}
