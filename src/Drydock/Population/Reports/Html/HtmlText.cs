using System.Text;

namespace Drydock.Population.Reports.Html;

/// <summary>Escapes text for HTML and SVG element content and attribute values (the output also parses as XML).</summary>
internal static class HtmlText
{
    /// <summary>Appends <paramref name="text"/> cleaned of control characters with <c>&amp; &lt; &gt; " '</c> escaped.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder html, string? text)
    {
        foreach (var c in DisplayText.Clean(text))
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
        }

        return html;
    }

    /// <summary><paramref name="text"/> escaped as <see cref="AppendEscaped"/> does.</summary>
    public static string Escape(string? text) => new StringBuilder().AppendEscaped(text).ToString();
}
