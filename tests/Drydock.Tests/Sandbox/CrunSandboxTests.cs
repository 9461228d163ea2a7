using Drydock.Assessment;
using Drydock.Detection.Malware;
using Drydock.Sandbox;
using Drydock.Sandbox.Runtime;
using Drydock.Sources;

namespace Drydock.Tests.Sandbox;

/// <summary>The same bundle run by crun instead of runc: isolation, limits, the full sandbox's verdict and clean-up.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrunSandboxTests : IDisposable
{
    private readonly OwnWorkDirectory _work = new();

    private SandboxOptions Quiet => new()
    {
        Runtime = "crun", Network = SandboxNetworkMode.None, Trace = false, Timeout = TimeSpan.FromSeconds(30), WorkDirectory = _work.Path,
    };

    public void Dispose() => _work.Dispose();

    private static async Task<SandboxRun> RunAsync(string script, SandboxOptions options)
    {
        var runner = new SandboxRunner((_, _, _) => Task.FromResult<ISandboxNetwork>(new IsolatedNetwork()));
        await using var observation = await runner.RunAsync(SandboxImages.Script(script), options, CancellationToken.None);
        return observation.Run;
    }

    [CrunFact]
    public async Task Crun_isolates_the_container_and_reports_its_resources()
    {
        var marker = Path.Join(Path.GetTempPath(), "drydock-crun-marker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(marker, "host secret");
        try
        {
            var run = await RunAsync($"""
                cat {marker} 2>&1 || echo no-host-file
                ps -o pid,comm
                ip -o link
                id -u
                {SandboxRunnerTests.CpuWork}
                """, Quiet);
            var stdout = run.Outcome.Output.Stdout;
            Assert.Contains("no-host-file", stdout);
            Assert.DoesNotContain("host secret", stdout);
            Assert.DoesNotContain("dotnet", stdout);
            Assert.Contains("lo:", stdout);
            Assert.DoesNotContain("eth0", stdout);
            Assert.False(run.Outcome.TimedOut);
            Assert.InRange(run.Outcome.Resources.CpuSeconds, 0.1, 30);
            Assert.True(run.Outcome.Resources.PeakMemoryBytes > 0);
        }
        finally
        {
            File.Delete(marker);
        }

        Assert.False(_work.HasMounts());
        Assert.Empty(_work.Containers());
        Assert.Empty(_work.Runs());
    }

    [CrunFact]
    public Task Crun_applies_the_pids_limit_and_the_clock() => SandboxRunnerTests.AssertForkBombIsStoppedAsync(Quiet);

    [CrunFact]
    public async Task Crun_with_tracing_and_the_sink_network_catches_a_stratum_login()
    {
        var image = SandboxImages.Script("""
            addr=$(nslookup pool.minexmr.com 2>/dev/null | awk '/^Address/ { a = $NF } END { print a }')
            printf '%s\n' '{"id":1,"method":"login","params":{"login":"crun-wallet","pass":"x"}}' | nc -w 3 "$addr" 3333
            """);
        var assessment = new SandboxAssessment(new ImageOpener([image]));
        var behaviour = await assessment.RunAsync(image.Reference, new SourceOptions(),
            new SandboxOptions { Runtime = "crun", Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);

        Assert.Equal(VerdictKind.Malicious, behaviour.Verdict);
        Assert.Contains(behaviour.NetworkActivity!.StratumLogins, l => l.Login == "crun-wallet" && l.Port == 3333);
        Assert.Contains(behaviour.Processes, p => p.Applet == "nc");
    }
}
