using System.Text;

namespace Drydock.Population.Reports.Html;

/// <summary>Writes an escaped HTML table; a header starting with <c>#</c> marks a right-aligned numeric column (the mark is not shown).</summary>
internal static class HtmlTable
{
    /// <summary>Appends a table with an optional caption.</summary>
    public static void Write(StringBuilder html, string? caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        html.Append("<table>");
        if (caption is not null)
        {
            html.Append("<caption>").AppendEscaped(caption).Append("</caption>");
        }

        html.Append("\n<tr>");
        foreach (var h in headers)
        {
            html.Append(IsNumeric(h) ? "<th class=\"num\">" : "<th>").AppendEscaped(IsNumeric(h) ? h[1..] : h).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i < headers.Count && IsNumeric(headers[i]) ? "<td class=\"num\">" : "<td>").AppendEscaped(row[i]).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Appends the table folded in a <c>&lt;details&gt;</c> element (no script needed to open it).</summary>
    public static void Details(StringBuilder html, string summary, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        html.Append("<details><summary>").AppendEscaped(summary).Append("</summary>\n");
        Write(html, null, headers, rows);
        html.Append("</details>\n");
    }

    private static bool IsNumeric(string header) => header.StartsWith('#');
}
