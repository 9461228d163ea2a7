namespace Drydock.Analysis.Packages.Java;

/// <summary>The coordinates in a META-INF/maven/GROUP/ARTIFACT/pom.properties (Java properties syntax).</summary>
internal static class PomProperties
{
    /// <summary>Group, artifact and version, or null when any is missing.</summary>
    public static (string GroupId, string ArtifactId, string Version)? Parse(string text)
    {
        string? group = null, artifact = null, version = null;
        foreach (var range in text.AsSpan().SplitAny('\r', '\n'))
        {
            var line = text.AsSpan()[range].Trim();
            if (line.IsEmpty || line[0] is '#' or '!')
            {
                continue;
            }

            var sep = line.IndexOfAny('=', ':');
            if (sep <= 0)
            {
                continue;
            }

            var key = line[..sep].Trim();
            var value = line[(sep + 1)..].Trim().ToString();
            switch (key)
            {
                case "groupId": group = value; break;
                case "artifactId": artifact = value; break;
                case "version": version = value; break;
            }
        }

        return string.IsNullOrEmpty(group) || string.IsNullOrEmpty(artifact) || string.IsNullOrEmpty(version) ? null : (group, artifact, version);
    }
}
