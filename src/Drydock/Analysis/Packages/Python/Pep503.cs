using System.Text;

namespace Drydock.Analysis.Packages.Python;

/// <summary>PEP 503 name normalisation: lower case, every run of <c>-</c>, <c>_</c> and <c>.</c> becomes one <c>-</c>.</summary>
public static class Pep503
{
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun)
                {
                    builder.Append('-');
                }

                inRun = true;
                continue;
            }

            inRun = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
