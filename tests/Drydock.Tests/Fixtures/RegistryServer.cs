using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Drydock.Tests.Fixtures;

/// <summary>How a <see cref="RegistryServer"/> authenticates clients.</summary>
public enum RegistryAuthMode
{
    /// <summary>No authentication.</summary>
    None,

    /// <summary>htpasswd (bcrypt) Basic authentication.</summary>
    Htpasswd,

    /// <summary>Bearer tokens from a <see cref="TokenServer"/>.</summary>
    Token,
}

/// <summary>Debian's real <c>docker-registry</c> (distribution v2) on a free loopback port, with its data in a temp dir.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string User = "drydock";
    public const string Password = "s3cret-pass";

    private readonly Process _process;

    private RegistryServer(Process process, int port, string dataDirectory, string root, TokenServer? tokens)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        Root = root;
        Tokens = tokens;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>host:port, as written in references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The storage root directory (…/docker/registry/v2/… lies under it).</summary>
    public string DataDirectory { get; }

    /// <summary>The scratch folder of this server (config, htpasswd, data).</summary>
    public string Root { get; }

    /// <summary>The token server, in token mode.</summary>
    public TokenServer? Tokens { get; }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a registry in <paramref name="mode"/> and waits until it answers.</summary>
    public static async Task<RegistryServer> StartAsync(RegistryAuthMode mode)
    {
        var root = RepoPaths.Scratch("registry-" + mode.ToString().ToLowerInvariant());
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        var port = FreePort();
        var auth = string.Empty;
        TokenServer? tokens = null;
        switch (mode)
        {
            case RegistryAuthMode.Htpasswd:
                var htpasswd = Path.Combine(root, "htpasswd");
                await ProcessRunner.RunCheckedAsync("htpasswd", "-Bbc", htpasswd, User, Password);
                auth = $"auth:\n  htpasswd:\n    realm: drydock-test\n    path: {htpasswd}\n";
                break;
            case RegistryAuthMode.Token:
                tokens = TokenServer.Start(root, User, Password);
                auth = $"auth:\n  token:\n    realm: {tokens.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n    rootcertbundle: {tokens.CertificateBundle}\n";
                break;
        }

        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config,
            "version: 0.1\n" +
            "log:\n  level: error\n  accesslog:\n    disabled: true\n" +
            $"storage:\n  filesystem:\n    rootdirectory: {data}\n  delete:\n    enabled: true\n" +
            $"http:\n  addr: 127.0.0.1:{port}\n" + auth);
        var psi = new ProcessStartInfo("docker-registry")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add(config);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start docker-registry");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer(process, port, data, root, tokens);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/v2/");
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        lock (log)
        {
            throw new InvalidOperationException($"docker-registry did not start: {log}");
        }
    }

    /// <summary>Pushes with skopeo (as the test user where the registry needs it).</summary>
    public async Task PushAsync(string source, string repositoryAndTag, bool all = false)
    {
        var args = new List<string> { "--insecure-policy", "copy", "--dest-tls-verify=false" };
        if (all)
        {
            args.Add("--all");
        }

        if (Tokens is not null || File.Exists(Path.Combine(Root, "htpasswd")))
        {
            args.Add("--dest-creds");
            args.Add($"{User}:{Password}");
        }

        args.Add(source);
        args.Add($"docker://{Host}/{repositoryAndTag}");
        var result = await ProcessRunner.RunAsync("skopeo", args, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo {string.Join(' ', args)} failed: {result.Stderr}");
        }
    }

    /// <summary>The file holding blob <paramref name="digest"/> in the registry's storage.</summary>
    public string BlobPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(DataDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            Tokens?.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Scratch space under .testdata; a leftover folder does no harm.
            }
        }
    }
}
