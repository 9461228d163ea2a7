using System.Diagnostics;
using Drydock.Sandbox.Tracing;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>Runs a busybox shell script under the real strace with <see cref="StraceInvocation"/> and summarises it.</summary>
public static class BusyboxTrace
{
    public const string Busybox = "/usr/bin/busybox";

    /// <summary>The raw trace and its summary; the script runs in <paramref name="directory"/>.</summary>
    public static async Task<(string Trace, TraceSummary Summary)> RunAsync(string script, string directory, TimeSpan? timeout = null)
    {
        var output = Path.Combine(directory, "..", Path.GetFileName(directory) + ".strace");
        var args = new StraceInvocation().ArgumentsForCommand(output, [Busybox, "sh", "-c", script]);
        var run = await ProcessRunner.RunAsync(StraceInvocation.DefaultExecutable, args, timeout ?? TimeSpan.FromMinutes(1), workingDirectory: directory);
        Assert.True(File.Exists(output), $"strace wrote no trace (exit {run.ExitCode}): {run.Stderr}");
        return await SummarizeAsync(output, directory);
    }

    /// <summary>Starts the script under strace, waits until the trace shows <paramref name="marker"/>, then kills strace
    /// with SIGKILL (a tracer that dies mid-trace) and the traced processes after it.</summary>
    public static async Task<(string Trace, TraceSummary Summary)> RunAndKillTracerAsync(string script, string directory, string marker)
    {
        var output = Path.Combine(directory, "..", Path.GetFileName(directory) + ".strace");
        var psi = new ProcessStartInfo(StraceInvocation.DefaultExecutable) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var a in new StraceInvocation().ArgumentsForCommand(output, [Busybox, "sh", "-c", script]))
        {
            psi.ArgumentList.Add(a);
        }

        using var strace = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(File.Exists(output) && (await ReadSharedAsync(output)).Contains(marker, StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }

        strace.Kill(entireProcessTree: true);
        await strace.WaitForExitAsync();
        return await SummarizeAsync(output, directory);
    }

    /// <summary>Starts the script untraced, attaches strace to it with <see cref="StraceInvocation.Arguments"/> (as the
    /// sandbox attaches to the container's init), creates <c>go</c> in the directory once the trace has begun, and
    /// summarises with the attached pid as the root.</summary>
    public static async Task<(string Trace, TraceSummary Summary, int Pid)> AttachAsync(string script, string directory)
    {
        var output = Path.Combine(directory, "..", Path.GetFileName(directory) + ".strace");
        using var traced = Process.Start(new ProcessStartInfo(Busybox, ["sh", "-c", script]) { WorkingDirectory = directory, UseShellExecute = false })!;
        var psi = new ProcessStartInfo(StraceInvocation.DefaultExecutable) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new StraceInvocation().Arguments(traced.Id, output))
        {
            psi.ArgumentList.Add(a);
        }

        using var strace = Process.Start(psi)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !(File.Exists(output) && (await ReadSharedAsync(output)).Length > 0))
            {
                await Task.Delay(20);
            }

            await File.WriteAllTextAsync(Path.Combine(directory, "go"), "");
            await strace.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        finally
        {
            traced.Kill(entireProcessTree: true);
            strace.Kill();
        }

        var trace = await ReadSharedAsync(output);
        File.Delete(output);
        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(trace), new TraceOrigin(directory, traced.Id));
        return (trace, summary, traced.Id);
    }

    private static async Task<(string Trace, TraceSummary Summary)> SummarizeAsync(string output, string directory)
    {
        var trace = await ReadSharedAsync(output);
        File.Delete(output);
        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(trace), new TraceOrigin(directory));
        return (trace, summary);
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
