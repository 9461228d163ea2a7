using System.CommandLine;
using System.Globalization;
using Drydock.Sandbox;
using Drydock.Sandbox.Bundle;

namespace Drydock.Cli.Commands;

/// <summary>The options that set up a sandbox run, shared by <c>drydock sandbox</c> and <c>drydock scan --sandbox</c>.</summary>
internal sealed class SandboxOptionSet
{
    private readonly Option<string> _timeout;
    private readonly Option<string[]> _cmd;
    private readonly Option<string?> _entrypoint;
    private readonly Option<string[]> _env;
    private readonly Option<string> _network;
    private readonly Option<string[]> _httpFile;
    private readonly Option<string> _memory;
    private readonly Option<int> _pids;
    private readonly Option<double> _cpus;
    private readonly Option<bool> _noTrace;
    private readonly Option<string> _runtime;
    private readonly Option<string?> _workDir;

    /// <summary>Creates the options; <paramref name="prefix"/> is prepended to each name (<c>--sandbox-</c> on scan).</summary>
    public SandboxOptionSet(string prefix)
    {
        _timeout = new Option<string>($"--{prefix}timeout") { Description = "Kill the container after this long (e.g. 60s, 2m)", DefaultValueFactory = _ => "60s" };
        _cmd = new Option<string[]>($"--{prefix}cmd") { Description = "Run this instead of the image's Cmd (repeat for each argument; Entrypoint kept)", AllowMultipleArgumentsPerToken = true };
        _entrypoint = new Option<string?>($"--{prefix}entrypoint") { Description = "Replace the image's Entrypoint (the image's Cmd is then dropped, as docker run does)" };
        _env = new Option<string[]>($"--{prefix}env") { Description = "Set KEY=VALUE in the container's environment (repeatable)" };
        _network = new Option<string>($"--{prefix}network") { Description = "sink: every address reaches the sandbox's logging services; none: loopback only", DefaultValueFactory = _ => "sink" };
        _network.AcceptOnlyFromAmong("sink", "none");
        _httpFile = new Option<string[]>($"--{prefix}http-file") { Description = "Answer HTTP requests for URL-PATH with FILE (URL-PATH=FILE, repeatable; everything else is 404)" };
        _memory = new Option<string>($"--{prefix}memory") { Description = "Memory limit (e.g. 512MiB)", DefaultValueFactory = _ => "512MiB" };
        _pids = new Option<int>($"--{prefix}pids") { Description = "Most processes alive at once", DefaultValueFactory = _ => 256 };
        _cpus = new Option<double>($"--{prefix}cpus") { Description = "CPU limit in cores", DefaultValueFactory = _ => 1.0 };
        _noTrace = new Option<bool>($"--{prefix}no-trace") { Description = "Do not trace with strace (no process tree; the network and files are still observed)" };
        _runtime = new Option<string>($"--{prefix}runtime") { Description = "The OCI runtime (runc or crun)", DefaultValueFactory = _ => "runc" };
        _workDir = new Option<string?>($"--{prefix}work-dir") { Description = "Where run folders (bundles, the runtime's state) go (default $TMPDIR/drydock-sandbox)" };
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [_timeout, _cmd, _entrypoint, _env, _network, _httpFile, _memory, _pids, _cpus, _noTrace, _runtime, _workDir];

    /// <summary>The sandbox options the command line asks for.</summary>
    /// <exception cref="DrydockInputException">A value is malformed.</exception>
    public SandboxOptions Read(ParseResult parse)
    {
        var env = parse.GetValue(_env) ?? [];
        if (env.FirstOrDefault(e => e.IndexOf('=') <= 0) is { } badEnv)
        {
            throw new DrydockInputException($"{_env.Name} {badEnv}: expected KEY=VALUE");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(_httpFile) ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !pair.StartsWith('/'))
            {
                throw new DrydockInputException($"{_httpFile.Name} {pair}: expected URL-PATH=FILE, such as /payload.sh=./payload.sh");
            }

            var file = Path.GetFullPath(pair[(eq + 1)..]);
            files[pair[..eq]] = File.Exists(file) ? file : throw new DrydockInputException($"{_httpFile.Name} {pair}: no such file {file}");
        }

        long memory;
        try
        {
            memory = SizeParser.Parse(parse.GetValue(_memory)!);
        }
        catch (FormatException e)
        {
            throw new DrydockInputException($"{_memory.Name}: {e.Message}");
        }

        var pids = parse.GetValue(_pids);
        var cpus = parse.GetValue(_cpus);
        if (memory < 16 * 1024 * 1024 || pids < 8 || cpus is <= 0 or > 256)
        {
            throw new DrydockInputException($"sandbox limits too small or malformed: memory {memory.ToString(CultureInfo.InvariantCulture)} bytes (at least 16MiB), pids {pids} (at least 8), cpus {cpus.ToString(CultureInfo.InvariantCulture)}");
        }

        var cmd = parse.GetValue(_cmd);
        return new SandboxOptions
        {
            Timeout = ServeCommand.ParseDuration(parse.GetValue(_timeout)!, _timeout.Name),
            Command = cmd is { Length: > 0 } ? cmd : null,
            Entrypoint = parse.GetValue(_entrypoint) is { } entrypoint ? [entrypoint] : null,
            Environment = env,
            Network = parse.GetValue(_network) == "none" ? SandboxNetworkMode.None : SandboxNetworkMode.Sink,
            HttpFiles = files,
            Limits = new ResourceLimits(memory, pids, cpus),
            Trace = !parse.GetValue(_noTrace),
            Runtime = parse.GetValue(_runtime)!,
            WorkDirectory = WorkDirectory(parse),
        };
    }

    /// <summary>The work folder the command line names, as an absolute path, or the default.</summary>
    public string WorkDirectory(ParseResult parse) =>
        parse.GetValue(_workDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : new SandboxOptions().WorkDirectory;
}
