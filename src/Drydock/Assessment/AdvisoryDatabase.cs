using Drydock.Advisories;
using Drydock.Analysis;
using Drydock.Reporting;

namespace Drydock.Assessment;

/// <summary>Opens the advisory database a scan uses. It is optional: without one the scan still inventories and runs the
/// other malware rules, and says what it could not check; a database the user named must exist.</summary>
public static class AdvisoryDatabase
{
    /// <summary>Opens <paramref name="named"/>, else <paramref name="defaultPath"/> when it exists; null when the scanners need
    /// none or there is none (then <paramref name="missing"/> says what was not checked).</summary>
    public static AdvisoryStore? Open(string? named, string defaultPath, Scanners scanners, out Diagnostic? missing)
    {
        missing = null;
        if (!scanners.HasFlag(Scanners.Vulnerabilities) && !scanners.HasFlag(Scanners.Malware))
        {
            return null;
        }

        var path = named ?? defaultPath;
        if (File.Exists(path))
        {
            return AdvisoryStore.Open(path);
        }

        if (named is not null)
        {
            throw new DrydockInputException($"--advisory-db {named}: no such file (build one with 'drydock db build')");
        }

        List<string> notChecked = [];
        if (scanners.HasFlag(Scanners.Vulnerabilities))
        {
            notChecked.Add("vulnerabilities were not checked");
        }

        if (scanners.HasFlag(Scanners.Malware))
        {
            notChecked.Add("packages were not matched against OSV malicious-package (MAL-) records, only against the table of known compromises");
        }

        missing = new Diagnostic("no-advisory-database", $"no advisory database at {path}: {string.Join("; ", notChecked)} (run 'drydock db build' or 'drydock db update')");
        return null;
    }
}
