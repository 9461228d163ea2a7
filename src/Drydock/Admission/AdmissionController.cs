using System.Net.Http;
using System.Net.Sockets;
using Drydock.Policy;
using Drydock.References;

namespace Drydock.Admission;

/// <summary>Answers AdmissionReview requests: lists the images of the object's pod spec, pins each to a digest, takes its
/// scanned facts from the cache (or scans it within the time budget), evaluates the policy against them, and answers with
/// one readable line; every decision is counted and audited.</summary>
public sealed class AdmissionController(PolicyDocument policy, DigestResolver resolver, VerdictCache cache, AdmissionOptions options,
    AdmissionMetrics metrics, AuditLog audit, TimeProvider time)
{
    /// <summary>The answer to <paramref name="review"/>; throws <see cref="DrydockInputException"/> when it is not an
    /// <c>admission.k8s.io/v1</c> AdmissionReview with a request.</summary>
    public async Task<AdmissionReview> ReviewAsync(AdmissionReview review, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (review.ApiVersion != AdmissionReview.Version || review.Kind != "AdmissionReview")
        {
            throw new DrydockInputException($"expected an {AdmissionReview.Version} AdmissionReview, got {review.ApiVersion ?? "no apiVersion"} {review.Kind ?? "no kind"}");
        }

        var request = review.Request is { Uid.Length: > 0 } r ? r : throw new DrydockInputException("the AdmissionReview has no request uid");
        var kind = request.Kind?.Kind;
        var name = request.Name is { Length: > 0 } n ? n : request.Object is { } o ? PodImageExtractor.NameOf(o) : null;
        var decision = await DecideAsync(request, kind, name, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        metrics.Decision(decision.Allowed, decision.Allowed && decision.Images.Any(i => i.Result == VerdictResult.Unavailable), elapsed);
        audit.Write(AuditLog.RecordOf(request, kind, name, decision, time.GetUtcNow(), elapsed));
        return AdmissionReview.Answer(new AdmissionResponse
        {
            Uid = request.Uid,
            Allowed = decision.Allowed,
            Status = decision.Allowed ? null : new AdmissionStatus(403, decision.Message),
            Warnings = decision.Warnings.Count == 0 ? null : decision.Warnings,
        });
    }

    private async Task<AdmissionDecision> DecideAsync(AdmissionRequest request, string? kind, string? name, CancellationToken cancellationToken)
    {
        if (request.Operation is not ("CREATE" or "UPDATE") || request.Object is not { } obj || !PodImageExtractor.Supports(kind))
        {
            return new AdmissionDecision(true, $"drydock: nothing to check ({request.Operation} {kind ?? "object"})", [], []);
        }

        IReadOnlyList<PodImage> images;
        try
        {
            images = PodImageExtractor.Extract(kind, obj);
        }
        catch (DrydockInputException e)
        {
            return new AdmissionDecision(false, $"drydock denied {kind} {Subject(request, name)}: the pod spec cannot be read: {e.Message}", [], []);
        }

        var verdicts = await Task.WhenAll(images.GroupBy(i => i.Image, StringComparer.Ordinal)
            .Select(g => CheckAsync(g.Key, [.. g.Select(i => $"{i.List}/{i.Container}")], cancellationToken))).ConfigureAwait(false);
        var denied = verdicts.Where(v => !Admits(v)).ToList();
        var failOpen = verdicts.Where(v => v.Result == VerdictResult.Unavailable && options.FailOpen)
            .Select(v => $"drydock admitted {v.Image} without a verdict (fail-open): {v.Reason}").ToList();
        if (denied.Count == 0)
        {
            return new AdmissionDecision(true, $"drydock admitted {kind} {Subject(request, name)}: {verdicts.Length} image(s) pass the policy" +
                (failOpen.Count > 0 ? $", {failOpen.Count} admitted without a verdict (fail-open)" : ""), failOpen, verdicts);
        }

        var message = $"drydock denied {kind} {Subject(request, name)}: " + string.Join("; ", denied.Select(Describe));
        return new AdmissionDecision(false, message, failOpen, verdicts);
    }

    private bool Admits(ImageVerdict verdict) => verdict.Result == VerdictResult.Passed || (verdict.Result == VerdictResult.Unavailable && options.FailOpen);

    private static string Subject(AdmissionRequest request, string? name)
        => request.Namespace is { Length: > 0 } ns ? $"{ns}/{name ?? "(unnamed)"}" : name ?? "(unnamed)";

    // One image's part of the denial: the image, its digest and each failed rule with its reason.
    private static string Describe(ImageVerdict verdict)
    {
        var image = verdict.Digest is { } digest && !verdict.Image.Contains('@', StringComparison.Ordinal) ? $"{verdict.Image} ({Short(digest)})" : verdict.Image;
        return verdict.Result switch
        {
            VerdictResult.Failed => $"{image} fails {string.Join(", ", verdict.FailedRules.Select(r => $"{r.Rule} ({r.Reason})"))}",
            VerdictResult.Unavailable => $"{image} was not checked: {verdict.Reason}; denied (fail-closed)",
            _ => $"{image}: {verdict.Reason}",
        };
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private async Task<ImageVerdict> CheckAsync(string image, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        RegistryReference reference;
        try
        {
            reference = RegistryReference.Parse(image);
        }
        catch (ReferenceParseException e)
        {
            return new ImageVerdict { Image = image, Containers = containers, Result = VerdictResult.Invalid, Reason = $"not an image reference ({e.Message})" };
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.ScanTimeout);
        string? digest = null;
        var cached = false;
        try
        {
            var pinned = await resolver.PinAsync(reference, budget.Token).ConfigureAwait(false);
            digest = pinned.Digest!.Value.ToString();
            var facts = await cache.GetAsync(pinned, out cached).WaitAsync(budget.Token).ConfigureAwait(false);
            var subject = facts with { Reference = image, Registry = reference.Registry, Repository = reference.Repository };
            var decision = PolicyEvaluator.Evaluate(policy, subject, time.GetUtcNow());
            return new ImageVerdict
            {
                Image = image,
                Containers = containers,
                Digest = digest,
                Result = decision.Passed ? VerdictResult.Passed : VerdictResult.Failed,
                FailedRules = [.. decision.Rules.Where(r => !r.Passed)],
                Cached = cached,
            };
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var what = digest is null ? "its registry did not answer" : "the scan did not finish";
            return Unavailable($"{what} within the {options.ScanTimeout.TotalSeconds:0.#} s budget (the scan goes on; a retry uses its result)");
        }
        catch (DrydockInputException e) when (IsUnreachable(e))
        {
            return Unavailable(e.Message);
        }
        catch (DrydockInputException e)
        {
            return new ImageVerdict { Image = image, Containers = containers, Digest = digest, Result = VerdictResult.Invalid, Reason = e.Message };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the scanner is no verdict on the image: the failure mode decides, as for a timeout.
            return Unavailable($"the scan failed ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
        }

        ImageVerdict Unavailable(string reason)
            => new() { Image = image, Containers = containers, Digest = digest, Result = VerdictResult.Unavailable, Reason = reason, Cached = cached };
    }

    // A registry that could not be reached (refused, reset, timed out) is an unknown, not a verdict on the image.
    private static bool IsUnreachable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or SocketException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
