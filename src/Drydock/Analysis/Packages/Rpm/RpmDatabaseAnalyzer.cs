using Drydock.Layers;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>Lists the packages of an rpm database in any of its three formats — SQLite (<c>rpmdb.sqlite</c>),
/// Berkeley DB hash or btree (<c>Packages</c>) and ndb (<c>Packages.db</c>) — found under <c>var/lib/rpm</c>,
/// <c>usr/lib/sysimage/rpm</c> or <c>usr/share/rpm</c>, at the root or below it (a chroot inside the image).
/// The format is decided by the file's magic, not its name. gpg-pubkey entries (imported signing keys that rpm
/// records as pseudo-packages) are skipped: they install no files and no advisory can name them.</summary>
public sealed class RpmDatabaseAnalyzer : IAnalyzer
{
    private const int MaxWarningsPerFile = 20;
    private static readonly string[] Directories = ["var/lib/rpm/", "usr/lib/sysimage/rpm/", "usr/share/rpm/"];

    public string Id => "rpm";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
    {
        if (entry.Kind != EntryKind.File)
        {
            return AnalyzerNeed.None;
        }

        var name = entry.FileName;
        if (!name.SequenceEqual("Packages") && !name.SequenceEqual("Packages.db") && !name.SequenceEqual("rpmdb.sqlite"))
        {
            return AnalyzerNeed.None;
        }

        var directory = entry.Path.AsSpan(0, entry.Path.Length - name.Length);
        foreach (var candidate in Directories)
        {
            if (directory.EndsWith(candidate, StringComparison.Ordinal)
                && (directory.Length == candidate.Length || directory[directory.Length - candidate.Length - 1] == '/'))
            {
                return AnalyzerNeed.Content;
            }
        }

        return AnalyzerNeed.None;
    }

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var content = input.Content;
        var problems = new List<string>();
        List<byte[]> blobs;
        string code;
        var berkeley = false;
        if (content.IsEmpty)
        {
            result.Warn(new Diagnostic("rpmdb-empty", "rpm database is an empty file", path));
            return;
        }

        if (SqliteRpmReader.Looks(content))
        {
            code = "rpmdb-sqlite-invalid";
            blobs = SqliteRpmReader.ReadBlobs(content, result.ScratchDirectory, problems);
        }
        else if (NdbReader.Looks(content))
        {
            code = "rpmdb-ndb-invalid";
            blobs = NdbReader.ReadBlobs(content, problems);
        }
        else if (BerkeleyDbReader.Looks(content))
        {
            code = "rpmdb-bdb-invalid";
            berkeley = true;
            blobs = BerkeleyDbReader.ReadValues(content, problems);
        }
        else
        {
            result.Warn(new Diagnostic("rpmdb-unknown-format", "not an rpm database (neither SQLite, ndb nor Berkeley DB)", path));
            return;
        }

        var warnings = new List<Diagnostic>();
        foreach (var problem in problems)
        {
            warnings.Add(new Diagnostic(code, "rpm database: " + problem, path));
        }

        for (var i = 0; i < blobs.Count; i++)
        {
            // Berkeley DB's record 0 holds rpm's next instance number, a lone 32-bit integer.
            if (berkeley && blobs[i].Length == 4)
            {
                continue;
            }

            RpmHeader header;
            try
            {
                header = RpmHeader.Parse(blobs[i]);
            }
            catch (InvalidDataException e)
            {
                warnings.Add(new Diagnostic("rpm-header-invalid", $"rpm header {i + 1} of {blobs.Count} skipped: {e.Message}", path));
                continue;
            }

            if (header.Name == "gpg-pubkey")
            {
                continue;
            }

            if (header.FileListProblem is { } fileProblem)
            {
                warnings.Add(new Diagnostic("rpm-header-files-invalid", $"rpm package {header.Name}: file list dropped: {fileProblem}", path));
            }

            result.AddPackage(RpmPackageMapper.ToRecord(header, path));
        }

        foreach (var warning in warnings.Take(MaxWarningsPerFile))
        {
            result.Warn(warning);
        }

        if (warnings.Count > MaxWarningsPerFile)
        {
            result.Warn(new Diagnostic("rpmdb-more-warnings", $"{warnings.Count - MaxWarningsPerFile} further rpm database warnings not shown", path));
        }
    }
}
