using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox.Network;

/// <summary>Runs programs inside a named network namespace (<c>ip netns exec</c>) for the sink tests.</summary>
internal static class NetnsTool
{
    /// <summary>Runs <paramref name="args"/> inside <paramref name="ns"/>, with a timeout so a hung client fails the test instead of hanging it.</summary>
    public static Task<ProcessRunner.Result> ExecAsync(string ns, params string[] args)
        => ExecWithInputAsync(ns, null, args);

    /// <summary>As <see cref="ExecAsync"/>, with <paramref name="stdin"/> as standard input.</summary>
    public static Task<ProcessRunner.Result> ExecWithInputAsync(string ns, string? stdin, params string[] args)
        => ProcessRunner.RunAsync("ip", ["netns", "exec", ns, .. args], TimeSpan.FromSeconds(30), stdin: stdin);

    /// <summary>The names in <c>ip netns list</c>.</summary>
    public static async Task<HashSet<string>> ListAsync()
    {
        var result = await ProcessRunner.RunCheckedAsync("ip", "netns", "list");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
    }
}
