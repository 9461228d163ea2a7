namespace Drydock.Advisories;

/// <summary>Where the parts of an affected entry's stored ranges blob lie (<see cref="AffectedRowCodec.Inspect"/>).</summary>
/// <param name="Ecosystem">The ecosystem as written, UTF-8.</param>
/// <param name="RangesAt">The offset of the range count.</param>
/// <param name="RangeCount">How many ranges there are.</param>
/// <param name="FixedAt">The offset of the fixed versions' list section (a count, then the strings, to the end).</param>
/// <param name="FixedCount">How many fixed versions there are.</param>
internal readonly record struct RangesLayout(Range Ecosystem, int RangesAt, int RangeCount, int FixedAt, int FixedCount);
