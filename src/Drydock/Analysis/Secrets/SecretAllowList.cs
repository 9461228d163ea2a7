namespace Drydock.Analysis.Secrets;

/// <summary>What is not reported as a secret: files that are test fixtures or documentation, and values that are
/// placeholders or documented public examples.</summary>
public static class SecretAllowList
{
    // Package documentation, manuals and licence texts: read by people, never loaded by the software at run time.
    private static readonly string[] DocumentationRoots = ["usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/common-licenses/", "usr/share/gtk-doc/", "usr/share/help/"];

    // Debian's ssl-cert package generates this self-signed "snakeoil" pair for services' out-of-the-box TLS; it is
    // a known default that every such image carries, not a credential someone leaked. (Certificates are never reported.)
    private static readonly string[] DistroTestKeys = ["etc/ssl/private/ssl-cert-snakeoil.key"];

    // Directory names that hold test fixtures or examples (a directory whose name starts with "test" counts too).
    private static readonly string[] FixtureDirectories = ["__tests__", "fixtures", "__fixtures__", "testdata", "example", "examples", "sample", "samples", "spec", "specs"];

    private static readonly string[] DocumentationDirectories = ["doc", "docs", "documentation", "man"];

    private static readonly string[] DocumentationExtensions = [".md", ".markdown", ".rst", ".adoc", ".txt", ".html", ".htm"];

    // Public values published as examples by their issuers: AWS's documentation key pair, the Azurite storage
    // emulator's account key, and the jwt.io sample token.
    private static readonly string[] KnownExamples =
    [
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ];

    private static readonly string[] PlaceholderWords =
        ["password", "passwd", "secret", "changeme", "changeit", "redacted", "placeholder", "dummy", "example", "sample", "your", "token"];

    private static readonly string[] PlaceholderValues = ["pass", "pwd", "pw", "test", "foo", "bar", "none", "null", "nil", "empty", "mypass", "xxx"];

    private static readonly string[] BooleanWords = ["true", "false", "yes", "no", "on", "off", "enabled", "disabled"];

    /// <summary>True for files whose secrets are not reported: test fixtures (<c>*/test*/*</c>, <c>*/testdata/*</c>,
    /// <c>*/fixtures/*</c>, <c>*/examples/*</c>, ...), documentation (<c>/usr/share/doc</c>, manuals, <c>*.md</c> and
    /// other text under <c>doc</c> directories, the README that Python package metadata embeds) and
    /// distribution-generated test keys.</summary>
    public static bool IsAllowedPath(ReadOnlySpan<char> path)
    {
        foreach (var root in DocumentationRoots)
        {
            if (path.StartsWith(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var key in DistroTestKeys)
        {
            if (path.SequenceEqual(key))
            {
                return true;
            }
        }

        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0)
        {
            return false;
        }

        var fileName = path[(lastSlash + 1)..];
        var documentationFile = false;
        foreach (var extension in DocumentationExtensions)
        {
            documentationFile |= fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
        }

        var directories = path[..lastSlash];
        if ((fileName.SequenceEqual("PKG-INFO") || fileName.SequenceEqual("METADATA"))
            && (directories.EndsWith(".egg-info", StringComparison.Ordinal) || directories.EndsWith(".dist-info", StringComparison.Ordinal)))
        {
            return true; // Python package metadata: the long description is the project's README
        }

        foreach (var range in directories.Split('/'))
        {
            var segment = directories[range];
            if (segment.StartsWith("test", StringComparison.OrdinalIgnoreCase) || IsAny(segment, FixtureDirectories))
            {
                return true;
            }

            if (documentationFile && IsAny(segment, DocumentationDirectories))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for values that are not real secrets: documented examples (containing <c>EXAMPLE</c>, the known
    /// public sample keys), runs of one character, and masked or elided values (<c>xxxxx</c>, <c>*****</c>).</summary>
    public static bool IsExampleValue(string value)
    {
        if (value.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase) || KnownExamples.Contains(value, StringComparer.Ordinal))
        {
            return true;
        }

        if (value.Contains("xxxxx", StringComparison.OrdinalIgnoreCase) || value.Contains("*****", StringComparison.Ordinal)
            || value.Contains("00000000", StringComparison.Ordinal))
        {
            return true;
        }

        // After a format prefix (ghp_, AKIA, sk_live_), a value made of a single repeated character.
        var body = value.AsSpan(value.LastIndexOfAny(['_', '-']) + 1);
        return body.Length >= 4 && !body.ContainsAnyExcept(body[0]);
    }

    /// <summary>True for password-like values that are placeholders: <see cref="IsExampleValue"/>, variables and
    /// templates (<c>$DB_PASS</c>, <c>${TOKEN}</c>, <c>{{ pw }}</c>, <c>&lt;password&gt;</c>, <c>%s</c>), and words
    /// such as <c>password</c> or <c>changeme</c>.</summary>
    public static bool IsPlaceholder(string value)
    {
        if (value.Length == 0 || IsExampleValue(value) || value[0] is '$' or '%' or '<' or '{' or '[' or '(' || value.Contains("${", StringComparison.Ordinal)
            || value.Contains("{{", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal) || value.Contains('<'))
        {
            return true;
        }

        foreach (var word in PlaceholderWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return PlaceholderValues.Contains(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True for values of secret-named variables that are not secrets: <see cref="IsPlaceholder"/>, paths
    /// (<c>DB_PASSWORD_FILE</c>-style indirection written as <c>/run/secrets/db</c>), booleans and short numbers.</summary>
    public static bool IsAssignmentPlaceholder(string value)
    {
        var unquoted = value.Trim('"', '\'');
        return unquoted.Length < 3 || IsPlaceholder(unquoted) || unquoted[0] is '/' or '.' or '~'
            || (unquoted.Length <= 6 && unquoted.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
            || BooleanWords.Contains(unquoted, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsAny(ReadOnlySpan<char> segment, string[] names)
    {
        foreach (var name in names)
        {
            if (segment.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
