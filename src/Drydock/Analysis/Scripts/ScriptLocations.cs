using System.Collections.Frozen;

namespace Drydock.Analysis.Scripts;

/// <summary>Which files the script analyzer reads, and in which <see cref="ScriptContext"/>: crontabs, boot and login
/// files, container entrypoints and npm install files by path; any other small file when it starts with <c>#!</c>.</summary>
internal static class ScriptLocations
{
    private static readonly string[] CronPrefixes =
        ["etc/cron.d/", "etc/cron.hourly/", "etc/cron.daily/", "etc/cron.weekly/", "etc/cron.monthly/", "etc/crontabs/", "var/spool/cron/"];

    private static readonly string[] StartupPrefixes =
        ["etc/rc.d/", "etc/init.d/", "etc/profile.d/", "etc/systemd/system/", "etc/supervisor/conf.d/", "etc/local.d/"];

    private static readonly HashSet<string> StartupFiles = new(
        ["etc/rc.local", "etc/profile", "etc/bash.bashrc", "etc/bashrc", "etc/zshrc", "etc/zsh/zshrc", "etc/supervisord.conf",
         "root/.bashrc", "root/.profile", "root/.bash_profile", "root/.zshrc"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> HomeStartupNames = new([".bashrc", ".profile", ".bash_profile", ".zshrc", ".bash_login"], StringComparer.Ordinal);

    // Looked up by span: Required runs for every entry of every layer, so no string is made for the file name.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EntrypointNames = FrozenSet.ToFrozenSet(
        ["start.sh", "run.sh", "startup.sh", "init.sh", "boot.sh", "entry.sh", "docker-start.sh"], StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NpmInstallNames = FrozenSet.ToFrozenSet(
        ["install.js", "preinstall.js", "postinstall.js", "install.cjs", "preinstall.cjs", "postinstall.cjs", "install.mjs", "preinstall.mjs", "postinstall.mjs"],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The context of <paramref name="path"/> by location alone, or null when only a <c>#!</c> line would make it a script.</summary>
    public static ScriptContext? ByPath(string path)
    {
        if (path is "etc/crontab" or "etc/anacrontab" || StartsWithAny(path, CronPrefixes))
        {
            return ScriptContext.Cron;
        }

        if (StartupFiles.Contains(path) || StartsWithAny(path, StartupPrefixes) || IsHomeStartup(path))
        {
            return ScriptContext.Startup;
        }

        var slash = path.LastIndexOf('/');
        var name = path.AsSpan(slash + 1);
        var folder = slash < 0 ? "" : path.AsSpan(0, slash);
        if (name.Contains("entrypoint", StringComparison.OrdinalIgnoreCase)
            || (EntrypointNames.Contains(name) && (folder.IsEmpty || folder.SequenceEqual("usr/local/bin") || folder.SequenceEqual("app"))))
        {
            return ScriptContext.Entrypoint;
        }

        return IsNpmInstallFile(path, name) ? ScriptContext.NpmInstallFile : null;
    }

    // node_modules/PKG/install.js, node_modules/@scope/PKG/scripts/postinstall.js, node_modules/PKG/install/….
    private static bool IsNpmInstallFile(string path, ReadOnlySpan<char> name)
    {
        if (!NpmInstallNames.Contains(name))
        {
            return false;
        }

        var modules = path.LastIndexOf("node_modules/", StringComparison.Ordinal);
        if (modules < 0 || (modules > 0 && path[modules - 1] != '/'))
        {
            return false;
        }

        // The path below the package folder: "install.js", or "scripts/postinstall.js", "install/x.js".
        var rest = path.AsSpan(modules + "node_modules/".Length);
        var skip = rest.StartsWith("@") ? 2 : 1;
        for (var i = 0; i < skip; i++)
        {
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }

            rest = rest[(slash + 1)..];
        }

        return rest.Length == name.Length
            || (rest.Length == name.Length + "scripts/".Length && (rest.StartsWith("scripts/") || rest.StartsWith("install/")));
    }

    private static bool IsHomeStartup(string path)
    {
        if (!path.StartsWith("home/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan("home/".Length);
        var slash = rest.IndexOf('/');
        return slash > 0 && rest[(slash + 1)..].IndexOf('/') < 0 && HomeStartupNames.Contains(rest[(slash + 1)..].ToString());
    }

    private static bool StartsWithAny(string path, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length)
            {
                return true;
            }
        }

        return false;
    }
}
