using Drydock.References;

namespace Drydock.Crawl;

/// <summary>A file of image references, one per line (<c>#</c> comments and blank lines ignored), as <c>crawl @FILE</c> reads it.</summary>
public static class ReferenceFile
{
    /// <summary>The references of <paramref name="path"/>; a malformed line is a one-line error naming the line.</summary>
    public static async Task<IReadOnlyList<RegistryReference>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"crawl: cannot read @{path}: {e.Message}", e);
        }

        var references = new List<RegistryReference>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                references.Add(RegistryReference.Parse(line));
            }
            catch (ReferenceParseException e)
            {
                throw new DrydockInputException($"crawl: @{path} line {i + 1}: {e.Message}", e);
            }
        }

        return references;
    }
}
