using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Advisories.Builders.Alpine;
using Drydock.Advisories.Builders.Debian;
using Drydock.Advisories.Builders.Epss;
using Drydock.Advisories.Builders.Kev;
using Drydock.Advisories.Builders.Nvd;
using Drydock.Advisories.Builders.Osv;
using Drydock.Advisories.Builders.Yaml;

namespace Drydock.Advisories.Builders;

/// <summary>Reads one input file, recognising its format by content (never by name): gzip is unwrapped first; text starting
/// with '{' or '[' is JSON (KEV, NVD, OSV, Alpine secdb, Debian tracker export, told apart by their keys); otherwise EPSS CSV,
/// a Debian DSA/DLA list, or YAML (OSV or Alpine secdb). Anything else is left unrecognised (RustSec's Markdown, READMEs,
/// licences), which is not an error. A file that is recognised but broken becomes one problem; it never stops the build.</summary>
internal static partial class SourceFileReader
{
    /// <summary>Reads <paramref name="path"/> within <paramref name="options"/>' limits.</summary>
    public static ParsedFile Read(string path, AdvisoryBuildOptions options)
    {
        var result = new ParsedFile(path);
        try
        {
            var bytes = Load(path, options.MaxFileBytes);
            var content = bytes.AsSpan();
            if (content.StartsWith("\uFEFF"u8))
            {
                content = content[3..];
            }

            var start = content.IndexOfAnyExcept(" \t\r\n"u8);
            if (start < 0)
            {
                return result;
            }

            if (content[start] is (byte)'{' or (byte)'[' && !DebianListReader.IsList(content[start..]))
            {
                using var document = JsonDocument.Parse(bytes.AsMemory(bytes.Length - content.Length), JsonOptions(options));
                ReadJson(document.RootElement, result, yaml: false);
                return result;
            }

            if (content.Contains((byte)0))
            {
                return result; // binary
            }

            var text = Encoding.UTF8.GetString(content);
            if (EpssReader.IsEpss(text))
            {
                result.Format = SourceFormats.EpssCsv;
                EpssReader.Read(text, result);
            }
            else if (DebianListReader.IsList(text))
            {
                result.Format = SourceFormats.DebianList;
                DebianListReader.Read(text, result);
            }
            else if (LooksLikeYaml(text))
            {
                var json = YamlToJson.Convert(text);
                using var document = JsonDocument.Parse(json, JsonOptions(options));
                ReadJson(document.RootElement, result, yaml: true);
            }
        }
        catch (JsonException e)
        {
            result.Problem($"not valid JSON: {OneLine(e.Message)}");
        }
        catch (InvalidDataException e)
        {
            result.Problem(OneLine(e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result.Problem($"cannot read: {OneLine(e.Message)}");
        }

        return result;
    }

    private static JsonDocumentOptions JsonOptions(AdvisoryBuildOptions options)
        => new() { MaxDepth = options.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static void ReadJson(JsonElement root, ParsedFile result, bool yaml)
    {
        if (KevReader.IsCatalogue(root))
        {
            result.Format = SourceFormats.KevJson;
            KevReader.Read(root, result);
        }
        else if (NvdReader.IsNvd(root))
        {
            result.Format = SourceFormats.NvdJson;
            NvdReader.Read(root, result);
        }
        else if (OsvReader.IsRecord(root))
        {
            result.Format = yaml ? SourceFormats.OsvYaml : SourceFormats.OsvJson;
            OsvReader.Read(root, result);
        }
        else if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root.EnumerateArray().All(OsvReader.IsRecord))
        {
            result.Format = yaml ? SourceFormats.OsvYaml : SourceFormats.OsvJson;
            foreach (var record in root.EnumerateArray())
            {
                OsvReader.Read(record, result);
            }
        }
        else if (AlpineSecdbReader.IsSecdb(root))
        {
            result.Format = yaml ? SourceFormats.AlpineYaml : SourceFormats.AlpineJson;
            AlpineSecdbReader.Read(root, result);
        }
        else if (!yaml && DebianTrackerJsonReader.IsExport(root))
        {
            result.Format = SourceFormats.DebianTrackerJson;
            DebianTrackerJsonReader.Read(root, result);
        }
    }

    private static byte[] Load(string path, long maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (file.Length > maxBytes)
        {
            throw new InvalidDataException($"file is larger than the {maxBytes / (1024 * 1024)} MiB limit");
        }

        var magic = new byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return ReadLimited(gzip, maxBytes, "decompressed file is larger than the {0} MiB limit");
        }

        return ReadLimited(file, maxBytes, "file is larger than the {0} MiB limit");
    }

    private static byte[] ReadLimited(Stream stream, long maxBytes, string tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException(string.Format(System.Globalization.CultureInfo.InvariantCulture, tooLarge, maxBytes / (1024 * 1024)));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool LooksLikeYaml(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.TrimEnd();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            return trimmed.StartsWith("---") || YamlKey().IsMatch(trimmed);
        }

        return false;
    }

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*:(\s|$)")]
    private static partial Regex YamlKey();
}
