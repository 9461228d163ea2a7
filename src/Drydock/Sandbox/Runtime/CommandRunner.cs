using System.Diagnostics;
using System.Text;

namespace Drydock.Sandbox.Runtime;

/// <summary>Runs a host tool (runc, strace, ip) to completion and turns a failure into one line.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; returns its standard output.</summary>
    /// <exception cref="SandboxException">The tool is missing, fails, or outlives <paramref name="timeout"/>.</exception>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new SandboxException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s");
        }

        var stdout = await output.ConfigureAwait(false);
        var stderr = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var reason = FirstLine(stderr) ?? FirstLine(stdout) ?? $"exit code {process.ExitCode}";
            throw new SandboxException($"{Describe(start)} failed: {reason}");
        }

        return stdout;
    }

    /// <summary>Starts a tool, explaining a missing executable in one line.</summary>
    public static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new SandboxException($"cannot start {start.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SandboxException($"cannot start {start.FileName} ({e.Message}); the sandbox needs runc, strace, ip and iptables (scripts/install-deps.sh installs them)", e);
        }
    }

    private static string Describe(ProcessStartInfo start)
    {
        var text = new StringBuilder(Path.GetFileName(start.FileName));
        foreach (var argument in start.ArgumentList.Take(3))
        {
            text.Append(' ').Append(argument);
        }

        return text.ToString();
    }

    private static string? FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim() is { Length: > 0 } trimmed)
            {
                return trimmed.Length > 300 ? trimmed[..300] + "…" : trimmed;
            }
        }

        return null;
    }
}
