using System.Globalization;
using Npgsql;

namespace Drydock.Project;

/// <summary>Where the project database is: a SQLite file path, or a <c>postgres://user:pass@host:port/dbname</c> URL
/// (turned into an Npgsql connection string; the host may be a percent-encoded socket directory, or <c>?host=/dir</c>).</summary>
public sealed record ProjectDatabaseLocation
{
    private ProjectDatabaseLocation(ProjectDatabaseKind kind, string target, string display)
    {
        Kind = kind;
        Target = target;
        Display = display;
    }

    /// <summary>The engine.</summary>
    public ProjectDatabaseKind Kind { get; }

    /// <summary>The SQLite file path, or the Npgsql connection string.</summary>
    public string Target { get; }

    /// <summary>For messages: the path, or the URL without its password.</summary>
    public string Display { get; }

    /// <summary>A SQLite file.</summary>
    public static ProjectDatabaseLocation ForSqlite(string path)
        => new(ProjectDatabaseKind.Sqlite, Path.GetFullPath(path), Path.GetFullPath(path));

    /// <summary>Parses a <c>--db</c> value: <c>postgres://</c> or <c>postgresql://</c> URLs, <c>sqlite:PATH</c>, else a file path.</summary>
    public static ProjectDatabaseLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DrydockInputException("--db: empty database location");
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return ParsePostgres(text);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw new DrydockInputException($"--db: unsupported database URL '{text.Split("://")[0]}://...' (use postgres://user:pass@host:port/dbname, or a SQLite file path)");
        }

        return ForSqlite(text.StartsWith("sqlite:", StringComparison.Ordinal) ? text["sqlite:".Length..] : text);
    }

    private static ProjectDatabaseLocation ParsePostgres(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new DrydockInputException("--db: not a valid postgres:// URL (expected postgres://user:pass@host:port/dbname)");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var host = Uri.UnescapeDataString(uri.Host);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new DrydockInputException("--db: the postgres:// URL names no database (expected postgres://user:pass@host:port/dbname)");
        }

        builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "host":
                    host = value;
                    break;
                case "sslmode":
                    builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode)
                        ? mode
                        : throw new DrydockInputException($"--db: unknown sslmode '{value}' (disable, allow, prefer, require, verify-ca, verify-full)");
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new DrydockInputException($"--db: connect_timeout must be a number of seconds, not '{value}'");
                    break;
                default:
                    throw new DrydockInputException($"--db: unsupported postgres:// URL parameter '{key}' (host, sslmode, application_name, connect_timeout)");
            }
        }

        if (host.Length == 0)
        {
            throw new DrydockInputException("--db: the postgres:// URL names no host");
        }

        builder.Host = host;
        builder.ApplicationName ??= "drydock";
        var display = $"postgres://{(builder.Username is { } user ? user + "@" : string.Empty)}{host}{(builder.Port != NpgsqlConnection.DefaultPort ? ":" + builder.Port.ToString(CultureInfo.InvariantCulture) : string.Empty)}/{database}";
        return new ProjectDatabaseLocation(ProjectDatabaseKind.Postgres, builder.ConnectionString, display);
    }
}
