using System.CommandLine;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Cli.Commands;

/// <summary>The registry options of commands that talk to a registry without scanning (db push/pull, base add/sync): credentials and plain-HTTP hosts.</summary>
public sealed class RegistryOptions
{
    private readonly Option<string?> _username = new("--username") { Description = "Registry user name (with --password-stdin)" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "Read the registry password from standard input" };
    private readonly Option<string[]> _insecure = new("--insecure-registry") { Description = "Allow plain HTTP to this registry host[:port] (loopback is always allowed)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_username);
        command.Options.Add(_passwordStdin);
        command.Options.Add(_insecure);
    }

    /// <summary>The source options the parsed values describe (the password is read from standard input here).</summary>
    public async Task<SourceOptions> SourceOptionsAsync(ParseResult parse, CliContext context) => new()
    {
        InsecureRegistries = new HashSet<string>(parse.GetValue(_insecure) ?? [], StringComparer.OrdinalIgnoreCase),
        Credential = await ScanCommand.ReadCredentialAsync(parse.GetValue(_username), parse.GetValue(_passwordStdin), context).ConfigureAwait(false),
    };

    /// <summary>A client of <paramref name="reference"/>'s registry with the parsed credentials.</summary>
    public async Task<RegistryClient> CreateClientAsync(ParseResult parse, RegistryReference reference, CliContext context)
    {
        var options = await SourceOptionsAsync(parse, context).ConfigureAwait(false);
        return new RegistryClient(reference.Registry, options, new RegistryImageSource().CredentialsFor(reference.Registry, options));
    }
}
