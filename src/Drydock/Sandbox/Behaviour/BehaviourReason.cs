using Drydock.Analysis.Content;

namespace Drydock.Sandbox.Behaviour;

/// <summary>One reason behind the behaviour verdict.</summary>
/// <param name="Category">A sandbox category of <see cref="ThreatCategory"/> (coin-miner, downloader, network-scanner, reverse-shell, persistence).</param>
/// <param name="RuleId">Stable id, <c>sandbox/…</c>.</param>
/// <param name="Confidence">How sure the rule is.</param>
/// <param name="Title">One line saying what was seen.</param>
/// <param name="Evidence">What was seen: domains, wallets, URLs, files and their hashes, processes.</param>
public sealed record BehaviourReason(string Category, string RuleId, Confidence Confidence, string Title, IReadOnlyList<FindingEvidence> Evidence);
