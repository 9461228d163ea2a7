using System.Buffers;
using Drydock.Advisories.Cvss;

namespace Drydock.Advisories;

/// <summary>The binary form of an advisory's summary in the advisory database (schema 3): what a scan's finding reads of a
/// record (withdrawn flag, title, aliases, severities with their precomputed CVSS scores, the first
/// <see cref="MaxReferences"/> distinct references), so a scan never decodes a whole record's JSON nor reads NVD's long
/// reference lists. A format byte, then <see cref="RowWriter"/>'s counts and strings.</summary>
internal static class AdvisorySummaryCodec
{
    /// <summary>The first byte of every summary.</summary>
    public const byte Format = 1;

    /// <summary>How many distinct references a summary keeps: a finding lists at most this many, taken in record order, so
    /// the rest can never reach one.</summary>
    public const int MaxReferences = 20;

    private const string What = "advisory summary";
    private const byte WithdrawnFlag = 1, TitleFlag = 2;
    private const byte RatingFlag = 1, VectorFlag = 2, ScoreFlag = 4;
    private static readonly string[] Sources = [
        AdvisorySources.Nvd, AdvisorySources.Ghsa, AdvisorySources.DebianTracker, AdvisorySources.DebianDsa, AdvisorySources.DebianDla,
        AdvisorySources.PyPA, AdvisorySources.Go, AdvisorySources.RustSec, AdvisorySources.AlpineSecdb,
    ];

    /// <summary>The summary of <paramref name="record"/> (whose severities should be scored).</summary>
    public static byte[] Encode(AdvisoryRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        RowWriter.WriteByte(buffer, Format);
        RowWriter.WriteByte(buffer, (byte)((record.Withdrawn ? WithdrawnFlag : 0) | (record.Title is null ? 0 : TitleFlag)));
        if (record.Title is not null)
        {
            RowWriter.WriteString(buffer, record.Title);
        }

        RowWriter.WriteStrings(buffer, record.Aliases);
        RowWriter.WriteCount(buffer, record.Severities.Count);
        foreach (var severity in record.Severities)
        {
            RowWriter.WriteCode(buffer, Sources, severity.Source);
            var score = severity is { CvssScore: not null, CvssVersion: not null };
            RowWriter.WriteByte(buffer, (byte)((severity.Rating is null ? 0 : RatingFlag) | (severity.CvssVector is null ? 0 : VectorFlag) | (score ? ScoreFlag : 0)));
            if (severity.Rating is not null)
            {
                RowWriter.WriteString(buffer, severity.Rating);
            }

            if (severity.CvssVector is not null)
            {
                RowWriter.WriteString(buffer, severity.CvssVector);
            }

            if (score)
            {
                RowWriter.WriteDouble(buffer, severity.CvssScore!.Value);
                RowWriter.WriteByte(buffer, (byte)severity.CvssVersion!.Value);
            }
        }

        RowWriter.WriteStrings(buffer, FirstDistinct(record.References));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The record a summary stands for: <paramref name="id"/> and <paramref name="source"/> as given, no dates, at most
    /// <see cref="MaxReferences"/> references.</summary>
    public static AdvisoryRecord Decode(string id, string source, ReadOnlySpan<byte> row)
    {
        var reader = new RowReader(row, What);
        reader.ExpectFormat(Format);
        var flags = reader.Byte();
        var title = (flags & TitleFlag) != 0 ? reader.String() : null;
        var aliases = reader.Strings();
        var severities = new SeverityEntry[reader.Count(2)];
        for (var i = 0; i < severities.Length; i++)
        {
            var entrySource = reader.Code(Sources);
            var present = reader.Byte();
            var rating = (present & RatingFlag) != 0 ? reader.String() : null;
            var vector = (present & VectorFlag) != 0 ? reader.String() : null;
            double? score = null;
            CvssVersion? version = null;
            if ((present & ScoreFlag) != 0)
            {
                score = reader.Double();
                var code = reader.Byte();
                version = Enum.IsDefined((CvssVersion)code) ? (CvssVersion)code : throw new FormatException($"{What} has unknown CVSS version {code}");
            }

            severities[i] = new SeverityEntry(entrySource, rating, vector) { CvssScore = score, CvssVersion = version };
        }

        var references = reader.Strings();
        reader.ExpectEnd();
        return new AdvisoryRecord(id, source, aliases, title, null, null, (flags & WithdrawnFlag) != 0, severities, references);
    }

    private static List<string> FirstDistinct(IReadOnlyList<string> references)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>(Math.Min(references.Count, MaxReferences));
        foreach (var reference in references)
        {
            if (kept.Count == MaxReferences)
            {
                break;
            }

            if (seen.Add(reference))
            {
                kept.Add(reference);
            }
        }

        return kept;
    }
}
