namespace Drydock.Advisories.Builders;

/// <summary>Builds an advisory database from any mix of source files and directories (walked recursively, hidden entries and
/// symbolic links skipped), each file's format recognised by content (<see cref="SourceFormats"/>). Malformed records are
/// counted and reported, never fatal. The database is written to a temporary file beside the output and renamed over it,
/// so readers never see a half-written database.</summary>
public sealed class AdvisoryDatabaseBuilder(AdvisoryBuildOptions? options = null)
{
    private readonly AdvisoryBuildOptions _options = options ?? new AdvisoryBuildOptions();

    /// <summary>Reads <paramref name="sources"/> and writes the database to <paramref name="outputPath"/>.</summary>
    public async Task<AdvisoryBuildReport> BuildAsync(IReadOnlyList<string> sources, string outputPath, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            throw new DrydockInputException("no advisory sources given; pass --source PATH (a file or a directory)");
        }

        var files = ListFiles(sources);
        var parsed = new ParsedFile[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelism), CancellationToken = cancellationToken },
            (index, _) =>
            {
                parsed[index] = SourceFileReader.Read(files[index], _options);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

        var merged = new AdvisoryMerge();
        foreach (var file in parsed)
        {
            merged.Add(file);
        }

        var output = Path.GetFullPath(outputPath);
        await Task.Run(() => AdvisoryDatabaseWriter.Write(merged, output, cancellationToken), cancellationToken).ConfigureAwait(false);

        var problems = parsed.SelectMany(f => f.Problems.Select(p => $"{f.Path}: {p}")).ToList();
        return new AdvisoryBuildReport(
            output,
            files.Count,
            merged.FilesByFormat,
            parsed.Count(f => f.Format is null && f.Problems.Count == 0),
            merged.AdvisoriesBySource(),
            merged.AffectedCount,
            merged.Kev.Count,
            merged.Epss.Count,
            problems.Count,
            [.. problems.Take(_options.MaxReportedProblems)]);
    }

    private static List<string> ListFiles(IReadOnlyList<string> sources)
    {
        var walk = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            MaxRecursionDepth = 64,
        };
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var full = Path.GetFullPath(source);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", walk))
                {
                    files.Add(file);
                }
            }
            else
            {
                throw new DrydockInputException($"advisory source {source} does not exist");
            }
        }

        return [.. files];
    }
}
