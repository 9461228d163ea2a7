using System.Xml;

namespace Drydock.Analysis.Packages.Java;

/// <summary>Licence names declared in a pom.xml (<c>project/licenses/license/name</c>). No DTDs, no external entities.</summary>
internal static class PomLicenses
{
    private const int MaxLicenses = 64;

    /// <summary>The non-empty names in document order; throws <see cref="XmlException"/> on malformed XML.</summary>
    public static List<string> Parse(byte[] xml, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 0,
        };
        var names = new List<string>();
        var path = new string[4];
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
        reader.Read();
        while (!reader.EOF && names.Count < MaxLicenses)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var depth = reader.Depth;
            if (depth < path.Length)
            {
                path[depth] = reader.LocalName;
            }

            if (depth == 1 && path[1] != "licenses")
            {
                // Only project/licenses matters: skip dependencies, build, profiles, ... whole.
                reader.Skip();
                continue;
            }

            if (depth == 3 && path[2] == "license" && path[3] == "name")
            {
                var name = reader.ReadElementContentAsString().Trim();
                if (name.Length > 0)
                {
                    names.Add(name);
                }

                continue;
            }

            reader.Read();
        }

        return names;
    }
}
