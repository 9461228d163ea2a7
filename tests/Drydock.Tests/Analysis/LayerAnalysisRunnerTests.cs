using System.Security.Cryptography;
using Drydock.Analysis;
using Drydock.Layers;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis;

/// <summary>The two-stage layer run (walk, then analysis on another task): analyzers see every entry in tar order with
/// its whole content, a file larger than the read-ahead budget still passes, and a failure in either stage ends the
/// run with that stage's error instead of a hang.</summary>
public sealed class LayerAnalysisRunnerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Analyzers_see_every_entry_in_tar_order_with_its_content_even_past_the_read_ahead_budget()
    {
        var tar = new TarBuilder();
        var expected = new List<(string Path, string Sha256)>();
        for (var i = 0; i < 300; i++)
        {
            var content = i == 150 ? new byte[LayerAnalysisRunner.InFlightBytes + 5_000_000] : new byte[1 + (i * 37 % 4096)];
            Random.Shared.NextBytes(content);
            var path = $"data/file{i:D3}";
            tar.File(path, content);
            expected.Add((path, Convert.ToHexStringLower(SHA256.HashData(content))));
            if (i % 50 == 0)
            {
                tar.Whiteout($"gone/old{i}");
            }
        }

        var recorder = new RecordingAnalyzer();
        var result = await Analyse.TarAsync(tar.Build(), new AnalyzerCatalog([recorder])).WaitAsync(HangGuard);

        Assert.Equal(expected, recorder.Seen);
        Assert.Equal(6, result.Whiteouts.Count);
    }

    [Fact]
    public async Task An_analyzer_failure_ends_the_run_with_that_error_while_the_walk_is_still_reading()
    {
        var tar = new TarBuilder();
        for (var i = 0; i < 2000; i++)
        {
            tar.File($"data/file{i:D4}", new byte[64 * 1024]);
        }

        var failing = new FailingAnalyzer("data/file0003");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Analyse.TarAsync(tar.Build(), new AnalyzerCatalog([failing])).WaitAsync(HangGuard));
        Assert.Equal("failed on data/file0003", error.Message);
    }

    [Fact]
    public async Task A_broken_tar_ends_the_run_with_the_walk_error()
    {
        var tar = new TarBuilder();
        for (var i = 0; i < 50; i++)
        {
            tar.File($"data/file{i:D2}", new byte[10_000]);
        }

        // Cut in the middle of an entry's data: the walk fails while the analysis stage waits for more.
        var bytes = tar.Build();
        var truncated = bytes.AsSpan(0, (25 * (10_000 + 1024)) + 5_000).ToArray();
        var error = await Assert.ThrowsAsync<HostileInputException>(() => Analyse.TarAsync(truncated, new AnalyzerCatalog([new RecordingAnalyzer()])).WaitAsync(HangGuard));
        Assert.Contains("truncated", error.Message);
    }

    private sealed class RecordingAnalyzer : IAnalyzer
    {
        public List<(string Path, string Sha256)> Seen { get; } = [];

        public string Id => "test-recorder";

        public int Version => 1;

        public AnalyzerNeed Required(in EntryInfo entry) => entry.Kind == EntryKind.File ? AnalyzerNeed.Content : AnalyzerNeed.None;

        public void Analyze(in AnalyzerInput input, LayerResultBuilder result) => Seen.Add((input.Entry.Path, input.Sha256Hex()));
    }

    private sealed class FailingAnalyzer(string path) : IAnalyzer
    {
        public string Id => "test-failing";

        public int Version => 1;

        public AnalyzerNeed Required(in EntryInfo entry) => entry.Kind == EntryKind.File ? AnalyzerNeed.Content : AnalyzerNeed.None;

        public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
        {
            if (input.Entry.Path == path)
            {
                throw new InvalidOperationException($"failed on {path}");
            }
        }
    }
}
