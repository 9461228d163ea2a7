using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Golang;

/// <summary>The Debian Go toolchain (golang-go, listed in scripts/install-deps.sh): the reference for <c>go version -m</c>
/// and the builder of small module-mode test programs, offline (GOPROXY=off, local replacements only).</summary>
public sealed class GoToolchain : IAsyncLifetime
{
    public const string Go = "/usr/bin/go";

    /// <summary>Where the test program was built for each GOARCH.</summary>
    public IReadOnlyDictionary<string, string> Builds { get; private set; } = new Dictionary<string, string>();

    /// <summary>The architectures built: both byte orders, 32 and 64 bit.</summary>
    public static readonly string[] Architectures = ["amd64", "386", "arm64", "ppc64", "mips"];

    private string? _dir;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Go))
        {
            // The tests need the real toolchain; install-deps.sh installs golang-go (it needs root).
            await ProcessRunner.RunCheckedAsync("bash", Path.Combine(RepoPaths.Root, "scripts", "install-deps.sh"));
        }

        _dir = RepoPaths.Scratch("gobuild");
        Write("dep/go.mod", "module example.com/dep\n\ngo 1.19\n");
        Write("dep/dep.go", "package dep\n\nfunc Hello() string { return \"hi\" }\n");
        Write("other/go.mod", "module example.com/other\n\ngo 1.19\n");
        Write("other/other.go", "package other\n\nfunc Name() string { return \"o\" }\n");
        Write("app/go.mod", """
            module example.com/app

            go 1.19

            require (
            	example.com/dep v1.2.3
            	example.com/other v0.4.0
            )

            replace example.com/dep v1.2.3 => ../dep

            replace example.com/other => ../other

            """);
        Write("app/main.go", """
            package main

            import (
            	"fmt"

            	"example.com/dep"
            	"example.com/other"
            )

            var version = "dev"

            func main() { fmt.Println(dep.Hello(), other.Name(), version) }

            """);
        var builds = new Dictionary<string, string>();
        foreach (var arch in Architectures)
        {
            var output = Path.Combine(_dir, "app-" + arch);
            var env = new Dictionary<string, string>
            {
                ["GOARCH"] = arch,
                ["GOOS"] = "linux",
                ["CGO_ENABLED"] = "0",
                ["GOFLAGS"] = "-mod=mod",
                ["GOPROXY"] = "off",
                ["GOTOOLCHAIN"] = "local",
                ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "drydock-test-gocache"),
                ["GOPATH"] = Path.Combine(_dir, "gopath"),
            };
            var r = await ProcessRunner.RunAsync(Go, ["build", "-ldflags", "-X main.version=1.4.2", "-o", output, "."],
                TimeSpan.FromMinutes(5), env: env, workingDirectory: Path.Combine(_dir, "app"));
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"go build for {arch} failed: {r.Stderr}");
            }

            builds[arch] = output;
        }

        Builds = builds;
    }

    /// <summary>The (path, version) of each <c>dep</c> line that <c>go version -m</c> prints, and the toolchain version.</summary>
    public static async Task<(string GoVersion, List<(string Path, string Version)> Deps, string? MainModule)> VersionMAsync(string binary)
    {
        var r = await ProcessRunner.RunAsync(Go, ["version", "-m", binary]);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"go version -m {binary} failed: {r.Stderr}");
        }

        var lines = r.Stdout.Split('\n');
        var goVersion = lines[0][(lines[0].IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
        var deps = new List<(string, string)>();
        string? main = null;
        foreach (var line in lines.Skip(1))
        {
            var f = line.TrimStart('\t').Split('\t');
            if (f[0] == "dep")
            {
                deps.Add((f[1], f.Length > 2 ? f[2] : ""));
            }
            else if (f[0] == "mod")
            {
                main = f[1];
            }
        }

        return (goVersion, deps, main);
    }

    public Task DisposeAsync()
    {
        if (_dir is not null && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        return Task.CompletedTask;
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir!, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
