using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Drydock.Tests.Fixtures;

/// <summary>Debian's real <c>clamd</c> on a private Unix socket (and optionally a loopback TCP port), with a config file
/// and a signature database directory written here: Debian ships no signatures, and none are ever downloaded.</summary>
public sealed class ClamdDaemon : IAsyncDisposable
{
    /// <summary>Where Debian's clamav-daemon puts the binary.</summary>
    public static readonly string[] Candidates = ["/usr/sbin/clamd", "/usr/bin/clamd"];

    private Process _process;

    private ClamdDaemon(string root, int? tcpPort, Process process)
    {
        Root = root;
        TcpPort = tcpPort;
        _process = process;
    }

    /// <summary>The clamd binary, or null when clamav-daemon is not installed.</summary>
    public static string? Binary => Candidates.FirstOrDefault(File.Exists);

    /// <summary>The daemon's private folder (config, socket, database, log).</summary>
    public string Root { get; }

    /// <summary>The loopback TCP port, when asked for.</summary>
    public int? TcpPort { get; }

    /// <summary>The Unix socket (kept short: sun_path holds 108 bytes).</summary>
    public string SocketPath => Path.Combine(Root, "clamd.sock");

    /// <summary>The <c>--clamd</c> address of the Unix socket.</summary>
    public string UnixAddress => "unix:" + SocketPath;

    /// <summary>The <c>--clamd</c> address of the TCP port.</summary>
    public string TcpAddress => $"tcp:127.0.0.1:{TcpPort ?? throw new InvalidOperationException("started without TCP")}";

    /// <summary>An <c>.ndb</c> body signature (any file type, any offset) for <paramref name="text"/>'s bytes.</summary>
    public static string BodySignature(string name, string text) => $"{name}:0:*:{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text))}";

    /// <summary>An <c>.hdb</c> hash signature (MD5:size:name) for <paramref name="content"/>.</summary>
    public static string HashSignature(string name, byte[] content) => $"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content))}:{content.Length}:{name}";

    /// <summary>Starts clamd with <paramref name="databaseFiles"/> (file name, content) in its database directory.</summary>
    public static async Task<ClamdDaemon> StartAsync(IEnumerable<(string Name, string Content)> databaseFiles, bool tcp = false, string streamMaxLength = "1M")
    {
        var binary = Binary ?? throw new InvalidOperationException("clamd is not installed");
        var root = Path.Combine(Path.GetTempPath(), "drydock-clamd-" + Guid.NewGuid().ToString("N")[..8]);
        var database = Path.Combine(root, "db");
        Directory.CreateDirectory(database);
        foreach (var (name, content) in databaseFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(database, name), content);
        }

        int? port = tcp ? RegistryServer.FreePort() : null;
        var config = new StringBuilder()
            .AppendLine($"LocalSocket {Path.Combine(root, "clamd.sock")}")
            .AppendLine($"DatabaseDirectory {database}")
            .AppendLine($"LogFile {Path.Combine(root, "clamd.log")}")
            .AppendLine($"TemporaryDirectory {root}")
            .AppendLine("Foreground yes")
            .AppendLine($"StreamMaxLength {streamMaxLength}");
        if (port is { } p)
        {
            config.AppendLine($"TCPSocket {p}").AppendLine("TCPAddr 127.0.0.1");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "clamd.conf"), config.ToString());
        var daemon = new ClamdDaemon(root, port, Launch(binary, root));
        await daemon.WaitReadyAsync();
        return daemon;
    }

    /// <summary>Stops the daemon and starts it again on the same socket (for reconnect tests).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process = Launch(Binary!, Root);
        await WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // clamd may still be removing its socket; the folder is in the temp directory.
        }
    }

    private static Process Launch(string binary, string root)
    {
        var psi = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Path.Combine(root, "clamd.conf"));
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start clamd");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(SocketPath);
    }

    // Ready when PING on the socket gets PONG; fails with clamd's log when it exits or never answers.
    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"clamd exited with {_process.ExitCode}: {Log()}");
            }

            if (File.Exists(SocketPath) && await PingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"clamd did not answer PING within 60 s: {Log()}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            await socket.SendAsync("zPING\0"u8.ToArray());
            var buffer = new byte[16];
            var read = await socket.ReceiveAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Log()
    {
        var log = Path.Combine(Root, "clamd.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "(no log)";
    }
}
