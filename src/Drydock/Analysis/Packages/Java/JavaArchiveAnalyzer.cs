using Drydock.Layers;

namespace Drydock.Analysis.Packages.Java;

/// <summary>Finds Maven packages in Java archives (JAR, WAR, EAR, PAR, Jenkins JPI/HPI, Karaf KAR) and in the archives
/// nested in them: pom.properties first, else MANIFEST.MF, else the file name; licences from the embedded pom.xml;
/// the SHA-1 of each archive.</summary>
public sealed class JavaArchiveAnalyzer(JavaArchiveLimits limits) : IAnalyzer, IContentFilter
{
    /// <summary>An analyzer with the default limits.</summary>
    public JavaArchiveAnalyzer() : this(JavaArchiveLimits.Default)
    {
    }

    public string Id => "java-archive";

    public int Version => 3;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && IsArchiveName(entry.FileName) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => head.StartsWith("PK\x03\x04"u8);

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
        => new JavaArchiveWalker(limits, result, input.Entry.Path).Walk(input.Content);

    /// <summary>True for the file names of Java archives (case-insensitive suffix).</summary>
    public static bool IsArchiveName(ReadOnlySpan<char> fileName)
    {
        if (fileName.Length < 5 || fileName[^4] != '.')
        {
            return false;
        }

        var ext = fileName[^3..];
        return ext.Equals("jar", StringComparison.OrdinalIgnoreCase) || ext.Equals("war", StringComparison.OrdinalIgnoreCase)
            || ext.Equals("ear", StringComparison.OrdinalIgnoreCase) || ext.Equals("par", StringComparison.OrdinalIgnoreCase)
            || ext.Equals("jpi", StringComparison.OrdinalIgnoreCase) || ext.Equals("hpi", StringComparison.OrdinalIgnoreCase)
            || ext.Equals("kar", StringComparison.OrdinalIgnoreCase);
    }
}
