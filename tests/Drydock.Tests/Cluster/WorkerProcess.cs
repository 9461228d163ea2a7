using System.Diagnostics;
using System.Text;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Cluster;

/// <summary>One real <c>drydock-worker</c> process (the Orleans silo built by src/Drydock.Cluster) on loopback, its output kept for messages.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private int? _exitCode;

    private WorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The worker's name (its lease owner).</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _exitCode is not null || _process.HasExited;

    /// <summary>The exit code (after exit; kept after disposal).</summary>
    public int ExitCode => _exitCode ?? _process.ExitCode;

    /// <summary>What the worker printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The worker binary next to the test build's configuration (bin/Release or bin/Debug).</summary>
    public static string Binary
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(RepoPaths.Root, "src", "Drydock.Cluster", "bin", configuration, "net10.0", "drydock-worker");
        }
    }

    /// <summary>Starts a worker on the project database <paramref name="database"/> with extra <paramref name="args"/>.</summary>
    public static WorkerProcess Start(string name, string database, params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No advisory database unless the caller gives one.
        string[] advisories = args.Contains("--advisory-db") ? [] : ["--advisory-db", "/nonexistent/advisories.db"];
        foreach (var arg in (string[])["--db", database, "--name", name, "--fast-failure-detection", .. advisories, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(name, process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Sends SIGKILL (kill -9): no shutdown, leases left to expire.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(10)); // the process is gone before anyone reads what it left behind
    }

    /// <summary>Sends SIGTERM and waits for the graceful exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        await ProcessRunner.RunCheckedAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _exitCode = _process.ExitCode;
        _process.Dispose();
    }
}
