using System.Text.Unicode;
using System.Text.Json;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>Packages pinned by an application-root lockfile (package-lock.json v1–v3, npm-shrinkwrap.json, yarn.lock
/// classic and berry, pnpm-lock.yaml v5/v6/v9). Each record carries <c>Metadata["origin"]="lockfile"</c>: when a
/// node_modules tree exists beside the lockfile, the installed manifests are the better evidence and the merge step
/// may drop these.</summary>
public sealed class NpmLockfileAnalyzer : IAnalyzer
{
    public string Id => "npm-lockfile";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && NpmPaths.LockfileKind(entry.Path) != NpmLockfileKind.None ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var kind = NpmPaths.LockfileKind(path);
        List<LockedPackage> packages;
        try
        {
            if (kind != NpmLockfileKind.PackageLock && !Utf8.IsValid(input.Content))
            {
                result.Warn(new Diagnostic("npm-invalid-lockfile", "lockfile is not valid UTF-8", path));
                return;
            }

            packages = kind switch
            {
                NpmLockfileKind.PackageLock => PackageLockParser.Parse(input.Content),
                NpmLockfileKind.Yarn => YarnLockParser.Parse(input.Content),
                _ => PnpmLockParser.Parse(input.Content),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            result.Warn(new Diagnostic("npm-invalid-lockfile", $"lockfile could not be read: {NpmPackageJsonAnalyzer.OneLine(e.Message)}", path));
            return;
        }

        foreach (var locked in packages)
        {
            if (!NpmPaths.IsValidName(locked.FullName))
            {
                continue;
            }

            var (scope, name) = NpmPaths.SplitScope(locked.FullName);
            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["origin"] = "lockfile" };
            if (locked.Dev)
            {
                metadata["dev"] = "true";
            }

            if (!string.IsNullOrEmpty(locked.Integrity))
            {
                metadata["integrity"] = locked.Integrity;
            }

            if (!string.IsNullOrEmpty(locked.Resolved))
            {
                metadata["resolved"] = locked.Resolved;
            }

            result.AddPackage(new PackageRecord
            {
                Type = PackageTypes.Npm,
                Namespace = scope,
                Name = name,
                Version = locked.Version,
                SourcePath = path,
                Metadata = metadata,
                DependsOn = locked.DependsOn,
            });
        }
    }
}
