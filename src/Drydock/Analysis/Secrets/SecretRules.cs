using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Analysis.Secrets;

/// <summary>The explicit list of secret rules (formats as their issuers document them). Each pattern runs only on a
/// window around one of its anchors, never over a whole file.</summary>
public static partial class SecretRules
{
    private const string Critical = "critical";
    private const string High = "high";
    private const string Medium = "medium";

    /// <summary>Every rule, in report order.</summary>
    public static IReadOnlyList<SecretRule> All { get; } =
    [
        PemKey("rsa-private-key", "RSA private key", RsaKey()),
        PemKey("dsa-private-key", "DSA private key", DsaKey()),
        PemKey("ec-private-key", "EC private key", EcKey()),
        PemKey("openssh-private-key", "OpenSSH private key", OpenSshKey()),
        PemKey("pkcs8-private-key", "PKCS #8 private key", Pkcs8Key()),
        PemKey("pkcs8-encrypted-private-key", "Encrypted PKCS #8 private key", Pkcs8EncryptedKey()),
        PemKey("pgp-private-key", "PGP private key block", PgpKey()),
        new()
        {
            Id = "aws-access-key-id", Category = "aws", Severity = Critical, Title = "AWS access key ID",
            Anchors = ["AKIA", "ASIA"], Pattern = AwsAccessKeyId(), KeepPrefix = 4, ForwardReach = 24,
        },
        new()
        {
            Id = "aws-secret-access-key", Category = "aws", Severity = Critical, Title = "AWS secret access key",
            Anchors = ["ecret_access_key", "ECRET_ACCESS_KEY", "ecretAccessKey", "ws_secret_key", "WS_SECRET_KEY"],
            Pattern = AwsSecretAccessKey(), ForwardReach = 80,
        },
        new()
        {
            Id = "gcp-service-account-key", Category = "gcp", Severity = Critical, Title = "GCP service account key (JSON)",
            Anchors = ["\"private_key\""], Pattern = GcpServiceAccountKey(), ForwardReach = 8400,
            RequiredNearby = "\"service_account\"",
        },
        new()
        {
            Id = "azure-storage-account-key", Category = "azure", Severity = Critical, Title = "Azure storage account key in a connection string",
            Anchors = ["AccountKey="], Pattern = AzureAccountKey(), ForwardReach = 100,
        },
        new()
        {
            Id = "azure-shared-access-key", Category = "azure", Severity = Critical, Title = "Azure shared access key (Service Bus, Event Hubs, IoT Hub)",
            Anchors = ["SharedAccessKey="], Pattern = AzureSharedAccessKey(), ForwardReach = 64,
        },
        new()
        {
            Id = "github-token", Category = "github", Severity = Critical, Title = "GitHub token",
            Anchors = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], Pattern = GitHubToken(), KeepPrefix = 4, ForwardReach = 48,
        },
        new()
        {
            Id = "github-fine-grained-pat", Category = "github", Severity = Critical, Title = "GitHub fine-grained personal access token",
            Anchors = ["github_pat_"], Pattern = GitHubFineGrainedToken(), KeepPrefix = 11, ForwardReach = 100,
        },
        new()
        {
            Id = "gitlab-pat", Category = "gitlab", Severity = Critical, Title = "GitLab personal access token",
            Anchors = ["glpat-"], Pattern = GitLabToken(), KeepPrefix = 6, ForwardReach = 120,
        },
        new()
        {
            Id = "slack-token", Category = "slack", Severity = High, Title = "Slack token",
            Anchors = ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"], Pattern = SlackToken(), KeepPrefix = 5, ForwardReach = 160,
        },
        new()
        {
            Id = "slack-webhook-url", Category = "slack", Severity = High, Title = "Slack incoming webhook URL",
            Anchors = ["hooks.slack.com/"], Pattern = SlackWebhook(), ForwardReach = 160,
        },
        new()
        {
            Id = "stripe-secret-key", Category = "stripe", Severity = Critical, Title = "Stripe live secret or restricted key",
            Anchors = ["sk_live_", "rk_live_"], Pattern = StripeKey(), KeepPrefix = 8, ForwardReach = 260,
        },
        new()
        {
            Id = "npm-access-token", Category = "npm", Severity = Critical, Title = "npm access token",
            Anchors = ["npm_"], Pattern = NpmToken(), KeepPrefix = 4, ForwardReach = 48,
        },
        new()
        {
            Id = "npmrc-auth-token", Category = "npm", Severity = Critical, Title = "Registry auth token in an npmrc",
            Anchors = ["_authToken="], Pattern = NpmrcAuthToken(), ForwardReach = 600, IsAllowedValue = SecretAllowList.IsPlaceholder,
        },
        new()
        {
            Id = "jwt", Category = "jwt", Severity = Medium, Title = "JSON Web Token",
            Anchors = ["eyJ"], Pattern = Jwt(), KeepPrefix = 3, ForwardReach = 8192, Verify = JwtHeader.HasAlgorithm,
        },
        new()
        {
            Id = "url-password", Category = "connection-string", Severity = High, Title = "Password in a database or broker URL",
            Anchors = ["://"], Before = DatabaseScheme, Pattern = UrlPassword(), ForwardReach = 400, IsAllowedValue = SecretAllowList.IsPlaceholder,
        },
        new()
        {
            Id = "connection-string-password", Category = "connection-string", Severity = High, Title = "Password in a connection string",
            Anchors = ["Password=", "password=", "PASSWORD=", "Pwd=", "pwd=", "PWD="],
            Pattern = ConnectionStringPassword(), Before = ConnectionStringBefore, ForwardReach = 200, IsAllowedValue = SecretAllowList.IsPlaceholder,
        },
    ];

    /// <summary>For image configuration only (environment, labels, history, where <c>NAME=value</c> is the form):
    /// a value assigned to a name that says it is a secret (<c>DB_PASSWORD</c>, <c>GITHUB_TOKEN</c>, <c>api-key</c>).
    /// Too broad for files, where such assignments are mostly code and templates.</summary>
    public static SecretRule SecretAssignment { get; } = new()
    {
        Id = "secret-assignment", Category = "assignment", Severity = High, Title = "Secret value assigned to a secret-named variable",
        Anchors = ["="], Pattern = Assignment(), Before = SecretNameBefore, ForwardReach = 1024, IsAllowedValue = SecretAllowList.IsAssignmentPlaceholder,
    };

    // Every PEM kind shares the anchor "PRIVATE KEY" (rare in text, unlike "-----"); the pattern checks what precedes it.
    private static SecretRule PemKey(string id, string title, Regex pattern) => new()
    {
        Id = id, Category = "private-key", Severity = High, Title = title, Anchors = ["PRIVATE KEY"], Pattern = pattern,
        ForwardReach = 700,
    };

    // The body check: after the header (and any armour or encryption header lines), at least two lines of base64.
    private const string PemBody = @"-----\r?\n(?:[A-Za-z][A-Za-z-]*: [^\r\n]{0,200}\r?\n){0,4}(?:\r?\n)?(?<secret>(?:[A-Za-z0-9+/=]{16,100}\r?\n){2})";

    [GeneratedRegex("\\G(?<=-----BEGIN RSA )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex RsaKey();

    [GeneratedRegex("\\G(?<=-----BEGIN DSA )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DsaKey();

    [GeneratedRegex("\\G(?<=-----BEGIN EC )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex EcKey();

    [GeneratedRegex("\\G(?<=-----BEGIN OPENSSH )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex OpenSshKey();

    [GeneratedRegex("\\G(?<=-----BEGIN )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pkcs8Key();

    [GeneratedRegex("\\G(?<=-----BEGIN ENCRYPTED )PRIVATE KEY" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pkcs8EncryptedKey();

    [GeneratedRegex("\\G(?<=-----BEGIN PGP )PRIVATE KEY BLOCK" + PemBody, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PgpKey();

    [GeneratedRegex("\\G(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\G(?i:(?<=s)ecret_?access_?key|(?<=a)ws_?secret_?key)[""']?\s*(?:=>|[:=])\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\G""private_key""\s*:\s*""(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/=]{32,}[^""]{0,8192})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GcpServiceAccountKey();

    [GeneratedRegex("\\GAccountKey=(?<secret>[A-Za-z0-9+/]{86}==)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AzureAccountKey();

    [GeneratedRegex("\\GSharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,43}=)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AzureSharedAccessKey();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GitHubToken();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GitHubFineGrainedToken();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GitLabToken();

    [GeneratedRegex("\\G(?<![A-Za-z0-9])(?<secret>xox[bpares]-[0-9]{6,}-[A-Za-z0-9-]{10,})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SlackToken();

    [GeneratedRegex("\\Ghooks\\.slack\\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9_]{8,}/[A-Za-z0-9_]{8,}/[A-Za-z0-9_]{16,})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex StripeKey();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NpmToken();

    [GeneratedRegex("\\G_authToken=[\"']?(?<secret>[A-Za-z0-9_./+=~-]{16,512})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NpmrcAuthToken();

    [GeneratedRegex("\\G(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\G://[^:@/\s'""]{0,128}:(?<secret>[^@/\s'""]{1,128})@[A-Za-z0-9._\[\]-]+", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"\G=(?<secret>""[^""]+""|'[^']+'|[^\s""';&|]+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Assignment();

    [GeneratedRegex("^(?:[A-Za-z0-9]+[_.-])*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRET[_.-]KEY(?:[_.-]BASE)?|TOKEN|API[_.-]?KEY|ACCESS[_.-]KEY|PRIVATE[_.-]KEY|CREDENTIALS?)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\G(?i:Password|Pwd)=(?<secret>[^;""'\s]+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ConnectionStringPassword();

    private static readonly string[] DatabaseSchemes =
        ["postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "sqlserver", "mssql"];

    // Before "://": a database or message-broker scheme (the whole word).
    private static bool DatabaseScheme(ReadOnlySpan<byte> before)
    {
        var start = before.Length;
        while (start > 0 && before.Length - start <= 12 && (char.IsAsciiLetterOrDigit((char)before[start - 1]) || before[start - 1] is (byte)'+' or (byte)'.' or (byte)'-'))
        {
            start--;
        }

        Span<char> scheme = stackalloc char[before.Length - start];
        for (var i = 0; i < scheme.Length; i++)
        {
            scheme[i] = char.ToLowerInvariant((char)before[start + i]);
        }

        foreach (var s in DatabaseSchemes)
        {
            if (scheme.SequenceEqual(s))
            {
                return true;
            }
        }

        return false;
    }

    // Before "Password=": the ';' that ends the previous key, spaces allowed between ("; Password="), and on the same
    // line one of a connection string's server keys (Server=, Data Source=, Host=, Address=).
    private static bool ConnectionStringBefore(ReadOnlySpan<byte> before)
    {
        var key = before.TrimEnd(" \t"u8);
        if (key.IsEmpty || key[^1] != (byte)';')
        {
            return false;
        }

        var line = key[(key.LastIndexOf((byte)'\n') + 1)..];

        Span<byte> lower = stackalloc byte[line.Length];
        for (var i = 0; i < line.Length; i++)
        {
            lower[i] = line[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(line[i] + 32) : line[i];
        }

        return lower.IndexOf("server="u8) >= 0 || lower.IndexOf("data source="u8) >= 0 || lower.IndexOf("host="u8) >= 0 || lower.IndexOf("address="u8) >= 0;
    }

    // Before "=": a whole identifier (letters, digits, '_', '.', '-') whose last part names a secret.
    private static bool SecretNameBefore(ReadOnlySpan<byte> before)
    {
        var start = before.Length;
        while (start > 0 && (char.IsAsciiLetterOrDigit((char)before[start - 1]) || before[start - 1] is (byte)'_' or (byte)'.' or (byte)'-'))
        {
            start--;
        }

        var name = before[start..];
        return name.Length is > 0 and <= 128 && SecretName().IsMatch(Encoding.ASCII.GetString(name));
    }
}
