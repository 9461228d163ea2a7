using System.Diagnostics;

namespace Drydock.Tests.Fixtures;

/// <summary>Runs a real program (skopeo, umoci, the build scripts) and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The exit code, standard output and standard error of one run.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null,
        string? stdin = null, IDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process exited (or closed its input) before reading it: its exit code and output say why.
            }
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and throws with the captured output when the exit code is not 0.</summary>
    public static async Task<Result> RunCheckedAsync(string file, params string[] args)
    {
        var result = await RunAsync(file, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
        }

        return result;
    }
}
