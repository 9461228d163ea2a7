using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock worker ...</c>: runs the Orleans worker, a separate JIT executable (<c>drydock-worker</c>, src/Drydock.Cluster) since
/// Orleans cannot be compiled ahead of time. Found through $DRYDOCK_WORKER, else next to this binary, else on $PATH; every argument is passed
/// on, SIGTERM and SIGINT are forwarded, and its exit code is returned.</summary>
public static class WorkerCommand
{
    /// <summary>The environment variable naming the worker executable.</summary>
    public const string EnvironmentVariable = "DRYDOCK_WORKER";

    /// <summary>Builds <c>drydock worker</c>.</summary>
    public static Command Create(CliContext context)
    {
        var arguments = new Argument<string[]>("ARGS") { Description = "The worker's options (list them with 'drydock worker -- --help')", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("worker", "Join the Orleans cluster of workers that drains the crawl frontier in PostgreSQL (see docs/scale.md)")
        {
            arguments,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var binary = Locate();
            if (binary is null)
            {
                await context.Error.WriteLineAsync($"drydock: the worker executable (drydock-worker) is not next to drydock nor on $PATH; build src/Drydock.Cluster, run ./drydock-worker, or set {EnvironmentVariable}")
                    .ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return await RunAsync(binary, [.. parse.GetValue(arguments) ?? [], .. parse.UnmatchedTokens], cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string binary, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new DrydockInputException($"cannot start {binary}");
        void Forward(PosixSignalContext signal)
        {
            signal.Cancel = true; // the worker decides when to stop; this process waits for it
            if (!process.HasExited)
            {
                _ = kill(process.Id, signal.Signal == PosixSignal.SIGINT ? SigInt : SigTerm);
            }
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "drydock-worker");
        if (File.Exists(beside))
        {
            return beside;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "drydock-worker"))
            .FirstOrDefault(File.Exists);
    }

    private const int SigInt = 2;
    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
