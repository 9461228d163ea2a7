using Drydock.Cli;
using Drydock.Reporting;
using Drydock.Reporting.Json;

namespace Drydock.Tests.Cli;

/// <summary>Runs the CLI in-process with captured streams, or as a real child process when the environment matters.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public ScanReport Report => JsonReportWriter.Read(Stdout);
    }

    public static async Task<Run> WithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DrydockCli.RunAsync(args, new CliContext(new StringReader(stdin), output, error, false, false));
        return new Run(code, output.ToString(), error.ToString());
    }

    public static Task<Run> InProcessAsync(params string[] args) => WithInputAsync("", args);

    /// <summary>Runs the built CLI (drydock.dll next to the tests) as a child process.</summary>
    public static async Task<Run> ProcessAsync(IDictionary<string, string> env, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "drydock.dll");
        var result = await Fixtures.ProcessRunner.RunAsync("dotnet", [dll, .. args], TimeSpan.FromMinutes(2), env: env);
        return new Run(result.ExitCode, result.Stdout, result.Stderr);
    }
}
