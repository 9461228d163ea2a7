using Drydock.Promotion;
using Drydock.Reporting.Table;
using Drydock.Sources.Manifests;

namespace Drydock.Cli.Commands;

/// <summary>One line on standard error per blob as promotion finishes it, so a long copy shows that it moves.</summary>
internal sealed class PromotionProgress(TextWriter error) : IPromotionObserver
{
    private readonly Lock _gate = new();

    public void BlobDone(Descriptor blob, BlobOutcome outcome)
    {
        var digest = blob.Digest is { Length: > 19 } d ? d[..19] : blob.Digest;
        var verb = outcome switch
        {
            BlobOutcome.Copied => "copied",
            BlobOutcome.Mounted => "mounted",
            _ => "present",
        };
        lock (_gate)
        {
            error.WriteLine($"  {verb,-7} {digest} {TableReportWriter.Size(blob.Size)}");
        }
    }
}
