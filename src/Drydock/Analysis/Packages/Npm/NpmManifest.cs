using System.Text.Json;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>The fields of an installed package.json that identify it. Read in one forward pass with
/// <see cref="Utf8JsonReader"/>: unknown members are skipped without being materialised, depth is bounded.</summary>
internal sealed record NpmManifest(string? Name, string? Version, List<string> Licenses, string? Author, string? Integrity,
    string? Resolved, List<string> Dependencies, SortedDictionary<string, string> InstallScripts)
{
    /// <summary>Most dependency names kept.</summary>
    public const int MaxDependencies = 4096;

    /// <summary>Longest install script kept; longer ones are cut (the cut is marked).</summary>
    public const int MaxScriptLength = 4096;

    /// <summary>The lifecycle scripts npm runs when it installs a package, in the order it runs them.</summary>
    public static readonly string[] InstallHooks = ["preinstall", "install", "postinstall"];

    /// <summary>Parses a package.json; throws <see cref="JsonException"/> (or InvalidOperationException for bad UTF-8).</summary>
    public static NpmManifest Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, LanguageJson.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the document is not a JSON object");
        }

        string? name = null, version = null, author = null, integrity = null, resolved = null;
        var licenses = new List<string>();
        var dependencies = new List<string>();
        var scripts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = Property(ref reader);
            reader.Read();
            switch (property)
            {
                case Field.Name:
                    name = LanguageJson.ReadString(ref reader)?.Trim();
                    break;
                case Field.Version:
                    version = LanguageJson.ReadString(ref reader)?.Trim();
                    break;
                case Field.License:
                    LanguageJson.ReadLicenses(ref reader, licenses);
                    break;
                case Field.Author:
                    author = ReadPerson(ref reader);
                    break;
                case Field.Integrity:
                    integrity = LanguageJson.ReadString(ref reader);
                    break;
                case Field.Resolved:
                    resolved = LanguageJson.ReadString(ref reader);
                    break;
                case Field.Dependencies:
                    ReadKeys(ref reader, dependencies);
                    break;
                case Field.Scripts:
                    ReadInstallScripts(ref reader, scripts);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("the document does not end where the top-level object ends");
        }

        return new NpmManifest(name, version, licenses, author, integrity, resolved, DistinctSorted(dependencies), scripts);
    }

    // Sorted in place, repeats dropped (most packages list a handful of dependencies, many none).
    private static List<string> DistinctSorted(List<string> names)
    {
        if (names.Count < 2)
        {
            return names;
        }

        names.Sort(StringComparer.Ordinal);
        var kept = 1;
        for (var i = 1; i < names.Count; i++)
        {
            if (!string.Equals(names[i], names[kept - 1], StringComparison.Ordinal))
            {
                names[kept++] = names[i];
            }
        }

        names.RemoveRange(kept, names.Count - kept);
        return names;
    }

    private enum Field
    {
        Other,
        Name,
        Version,
        License,
        Author,
        Integrity,
        Resolved,
        Dependencies,
        Scripts,
    }

    private static Field Property(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("name"u8)) return Field.Name;
        if (reader.ValueTextEquals("version"u8)) return Field.Version;
        if (reader.ValueTextEquals("license"u8) || reader.ValueTextEquals("licenses"u8)) return Field.License;
        if (reader.ValueTextEquals("author"u8)) return Field.Author;
        if (reader.ValueTextEquals("_integrity"u8)) return Field.Integrity;
        if (reader.ValueTextEquals("_resolved"u8)) return Field.Resolved;
        if (reader.ValueTextEquals("dependencies"u8)) return Field.Dependencies;
        if (reader.ValueTextEquals("scripts"u8)) return Field.Scripts;
        return Field.Other;
    }

    // "author": "Name <mail> (url)" or {"name": ...}.
    private static string? ReadPerson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LanguageJson.ReadString(ref reader)?.Trim() is { Length: > 0 } s ? s : null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                name = LanguageJson.ReadString(ref reader)?.Trim();
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static void ReadKeys(ref Utf8JsonReader reader, List<string> into)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (into.Count < MaxDependencies)
            {
                var key = reader.GetString();
                if (!string.IsNullOrEmpty(key) && key.Length <= LanguageJson.MaxValueLength)
                {
                    into.Add(key);
                }
            }

            reader.Read();
            reader.Skip();
        }
    }

    // "scripts": {"postinstall": "node install.js", "test": ...}: only the hooks npm runs on install are kept.
    private static void ReadInstallScripts(ref Utf8JsonReader reader, SortedDictionary<string, string> into)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var hook = -1;
            for (var i = 0; i < InstallHooks.Length && hook < 0; i++)
            {
                hook = reader.ValueTextEquals(InstallHooks[i]) ? i : -1;
            }

            reader.Read();
            if (hook < 0 || reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            var script = reader.GetString()!.Trim();
            if (script.Length > 0)
            {
                into[InstallHooks[hook]] = script.Length > MaxScriptLength ? script[..MaxScriptLength] + "…" : script;
            }
        }
    }
}
