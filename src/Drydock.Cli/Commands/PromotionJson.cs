using System.Text;
using System.Text.Json;
using Drydock.Policy;
using Drydock.Policy.Output;
using Drydock.Promotion;
using Drydock.Reporting.Table;

namespace Drydock.Cli.Commands;

/// <summary>The outcome of <c>drydock promote</c>: one summary line for people, or a JSON object (the promotion and the policy decision).</summary>
internal static class PromotionJson
{
    /// <summary>Writes <c>{"promoted", "destination", "digest", …, "blobs": {…}, "policy": decision, "policies": [decision…]}</c>: <c>policy</c>
    /// is the decision that refused the image, else the first, and <c>policies</c> holds one per platform checked; the copy fields
    /// are absent when the policy refused the image.</summary>
    public static async Task WriteAsync(IReadOnlyList<PolicyDecision> decisions, PromotionResult? result, bool asBase, TextWriter output, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var one in decisions)
        {
            var text = new StringWriter();
            await new PolicyJsonWriter().WriteAsync(one, text, cancellationToken).ConfigureAwait(false);
            written.Add(text.ToString());
        }

        var refused = decisions.ToList().FindIndex(d => !d.Passed);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("promoted", result is not null);
            json.WriteString("source", decisions[0].Image.Reference);
            if (result is not null)
            {
                json.WriteString("destination", result.Destination);
                json.WriteString("digest", result.Digest.ToString());
                json.WriteString("mediaType", result.MediaType);
                json.WriteNumber("manifests", result.Manifests);
                json.WriteStartArray("platforms");
                foreach (var platform in result.Platforms)
                {
                    json.WriteStringValue(platform);
                }

                json.WriteEndArray();
                json.WriteStartObject("blobs");
                json.WriteNumber("copied", result.BlobsCopied);
                json.WriteNumber("mounted", result.BlobsMounted);
                json.WriteNumber("skipped", result.BlobsSkipped);
                json.WriteNumber("foreign", result.BlobsForeign);
                json.WriteEndObject();
                json.WriteNumber("bytesCopied", result.BytesCopied);
                json.WriteBoolean("addedToCatalog", asBase);
            }

            json.WritePropertyName("policy");
            json.WriteRawValue(written[Math.Max(refused, 0)]);
            json.WriteStartArray("policies");
            foreach (var one in written)
            {
                json.WriteRawValue(one);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line: where it went, its digest, and how the blobs got there.</summary>
    public static string Summary(PromotionResult result, bool asBase)
    {
        var platforms = result.Platforms.Count == 0 ? "" : $" ({string.Join(", ", result.Platforms)})";
        var foreign = result.BlobsForeign == 0 ? "" : $", {result.BlobsForeign} foreign left in place";
        var catalog = asBase ? "; added to the hardened base catalog" : "";
        return $"promoted to {result.Destination} ({result.Digest}): {result.BlobsCopied} blobs copied ({TableReportWriter.Size(result.BytesCopied)}), "
            + $"{result.BlobsMounted} mounted, {result.BlobsSkipped} already present{foreign}; {result.Manifests} manifest{(result.Manifests == 1 ? "" : "s")}{platforms}{catalog}";
    }
}
