using Drydock.Policy;
using Drydock.Policy.Output;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Sources;

namespace Drydock.Tests.Cli;

/// <summary>The registries rule against an image pulled from a real registry on loopback.</summary>
[Collection(RegistryCollection.Name)]
public sealed class PolicyCommandRegistryTests(RegistryFixture registries)
{
    private readonly string _dir = RepoPaths.Scratch("policy-registry");

    private async Task<PolicyDecision> CheckAsync(string image, int expectedExit, params string[] allow)
    {
        var policy = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".yaml");
        await File.WriteAllTextAsync(policy, $"version: 1\nregistries:\n  allow: [{string.Join(", ", allow.Select(a => $"\"{a}\""))}]\n");
        var run = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--format", "json", "--scanners", "malware", "--cache-dir", Path.Combine(_dir, "cache"), "-q");
        Assert.True(run.ExitCode == expectedExit, run.Stdout + run.Stderr);
        return PolicyJsonWriter.Read(run.Stdout);
    }

    [Fact]
    public async Task Registry_images_are_admitted_by_host_and_repository_globs_only()
    {
        var host = registries.Plain.Host;
        var image = $"{host}/test/busybox:latest";
        var admitted = await CheckAsync(image, 0, $"{host}/test/*");
        Assert.True(admitted.Passed);
        Assert.Equal(($"{host}", "test/busybox"), (admitted.Image.Registry, admitted.Image.Repository));
        Assert.StartsWith("sha256:", admitted.Image.Digest);
        Assert.Equal($"{host}/test/busybox matches '{host}/test/*'", admitted.Rules[0].Reason);

        await CheckAsync($"docker://{image}", 0, host);
        await CheckAsync(image, 0, "registry.example.com/apps/*", "127.0.0.1:*");
        await CheckAsync(image, 0, $"{host}/**");

        var otherRepository = await CheckAsync(image, 1, $"{host}/apps/*", $"{host}/test");
        Assert.Equal($"{host}/test/busybox is not in registries.allow ({host}/apps/*, {host}/test)", otherRepository.Rules[0].Reason);
        await CheckAsync(image, 1, "127.0.0.1");
        await CheckAsync(image, 1, $"127.0.0.1:{registries.Plain.Port + 1}");
        await CheckAsync(image, 1, "busybox", "docker.io");
    }
}
