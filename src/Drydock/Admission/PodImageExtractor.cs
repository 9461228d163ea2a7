using System.Text.Json;

namespace Drydock.Admission;

/// <summary>Finds the pod spec of a Pod or of any workload that carries a pod template, and lists its images.</summary>
public static class PodImageExtractor
{
    private static readonly string[] Lists = ["containers", "initContainers", "ephemeralContainers"];

    /// <summary>The kinds whose pod template is at <c>spec.template.spec</c>.</summary>
    private static readonly HashSet<string> TemplateKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController",
    };

    /// <summary>Whether objects of <paramref name="kind"/> carry pod specs this webhook checks.</summary>
    public static bool Supports(string? kind) => kind is "Pod" or "CronJob" or "PodTemplate" || (kind is not null && TemplateKinds.Contains(kind));

    /// <summary>The images of <paramref name="obj"/> of kind <paramref name="kind"/>, in list order; empty when the kind has
    /// no pod spec or the object has none. Throws <see cref="DrydockInputException"/> when a present field has the wrong type.</summary>
    public static IReadOnlyList<PodImage> Extract(string? kind, JsonElement obj)
    {
        var spec = kind switch
        {
            "Pod" => Path(obj, "spec"),
            "PodTemplate" => Path(obj, "template", "spec"),
            "CronJob" => Path(obj, "spec", "jobTemplate", "spec", "template", "spec"),
            _ when kind is not null && TemplateKinds.Contains(kind) => Path(obj, "spec", "template", "spec"),
            _ => null,
        };
        if (spec is not { } podSpec)
        {
            return [];
        }

        var images = new List<PodImage>();
        foreach (var list in Lists)
        {
            if (!podSpec.TryGetProperty(list, out var containers) || containers.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (containers.ValueKind != JsonValueKind.Array)
            {
                throw new DrydockInputException($"{list} is not a list");
            }

            foreach (var container in containers.EnumerateArray())
            {
                if (container.ValueKind != JsonValueKind.Object)
                {
                    throw new DrydockInputException($"an entry of {list} is not an object");
                }

                var name = container.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                if (!container.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.String || image.GetString() is not { Length: > 0 } text)
                {
                    throw new DrydockInputException($"{list} container '{name}' has no image");
                }

                images.Add(new PodImage(list, name, text));
            }
        }

        return images;
    }

    /// <summary>The object's name: metadata.name, else metadata.generateName followed by <c>*</c>.</summary>
    public static string? NameOf(JsonElement obj)
    {
        if (Path(obj, "metadata") is not { } metadata)
        {
            return null;
        }

        if (metadata.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        return metadata.TryGetProperty("generateName", out var generate) && generate.ValueKind == JsonValueKind.String ? generate.GetString() + "*" : null;
    }

    private static JsonElement? Path(JsonElement element, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Object ? element : null;
    }
}
