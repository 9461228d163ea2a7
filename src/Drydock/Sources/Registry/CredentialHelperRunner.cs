using System.Diagnostics;
using System.Text.Json;

namespace Drydock.Sources.Registry;

/// <summary>Runs <c>docker-credential-NAME get</c>: the server URL on standard input, JSON {Username, Secret} out.</summary>
public sealed class CredentialHelperRunner(IReadOnlyList<string>? searchDirectories = null)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Asks helper <paramref name="name"/> for <paramref name="serverUrl"/>; null when it has no credentials.</summary>
    public async ValueTask<RegistryCredential?> GetAsync(string name, string serverUrl, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name.Length > 100 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new DrydockInputException($"docker config names an invalid credential helper '{name}'");
        }

        var program = Find("docker-credential-" + name)
            ?? throw new DrydockInputException($"credential helper docker-credential-{name} not found in PATH");
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("get");
        using var process = Process.Start(psi) ?? throw new DrydockInputException($"cannot start credential helper {program}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var error = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var text = (output + error).Trim();
                if (text.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                throw new DrydockInputException($"credential helper docker-credential-{name} failed for {serverUrl}: {FirstLine(text)}");
            }

            var response = JsonSerializer.Deserialize(output, RegistryJsonContext.Default.CredentialHelperResponse);
            if (response is null || string.IsNullOrEmpty(response.Secret))
            {
                return null;
            }

            // Helpers return an identity token with the user name "<token>".
            return response.Username == "<token>"
                ? new RegistryCredential(string.Empty, string.Empty, response.Secret)
                : new RegistryCredential(response.Username ?? string.Empty, response.Secret);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DrydockInputException($"credential helper docker-credential-{name} did not answer within {Timeout.TotalSeconds} s");
        }
        catch (JsonException)
        {
            throw new DrydockInputException($"credential helper docker-credential-{name} printed something that is not credential JSON");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private string? Find(string file)
    {
        var dirs = searchDirectories ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
