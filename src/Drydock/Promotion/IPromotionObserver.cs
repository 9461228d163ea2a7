using Drydock.Sources.Manifests;

namespace Drydock.Promotion;

/// <summary>Hears about each blob as promotion finishes it (progress output, tests that interrupt a copy).</summary>
public interface IPromotionObserver
{
    /// <summary>Called once per distinct blob, after it is in the destination.</summary>
    void BlobDone(Descriptor blob, BlobOutcome outcome);
}
