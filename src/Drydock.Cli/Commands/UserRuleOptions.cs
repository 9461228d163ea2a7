using System.CommandLine;
using Drydock.Analysis;
using Drydock.Analysis.UserRules.Clamd;
using Drydock.Analysis.UserRules.Ioc;
using Drydock.Analysis.UserRules.Yara;
using Drydock.Reporting;

namespace Drydock.Cli.Commands;

/// <summary>The user-rule options of <c>drydock scan</c>: <c>--yara-rules</c>, <c>--ioc-file</c>, <c>--clamd</c>.</summary>
internal sealed class UserRuleOptions
{
    private readonly Option<string?> _yara = new("--yara-rules") { Description = "YARA rules to run over every file: a .yar/.yara file or a directory of them (needs libyara)" };
    private readonly Option<string?> _ioc = new("--ioc-file") { Description = "Known-bad SHA-256 hashes, one per line (# comments, optional name after the hash), matched against every file" };
    private readonly Option<string?> _clamd = new("--clamd") { Description = "Send every file to a ClamAV daemon: unix:/path/to/socket or tcp:HOST:PORT (loopback only)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_yara);
        command.Options.Add(_ioc);
        command.Options.Add(_clamd);
    }

    /// <summary>True when any user-rule option was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_yara) is not null || parse.GetValue(_ioc) is not null || parse.GetValue(_clamd) is not null;

    /// <summary>Compiles the rules, reads the hash list and reaches the daemon; the caller disposes the result after the scan.</summary>
    public LoadedUserRules Load(ParseResult parse, Scanners scanners)
    {
        var loaded = new LoadedUserRules();
        if (!Given(parse))
        {
            return loaded;
        }

        if (!scanners.HasFlag(Scanners.Malware))
        {
            throw new DrydockInputException("--yara-rules, --ioc-file and --clamd need the malware scanner (add malware to --scanners)");
        }

        try
        {
            if (parse.GetValue(_yara) is { } yara)
            {
                var rules = loaded.Own(YaraRuleSet.Compile(yara));
                loaded.Add(new YaraAnalyzer(rules));
                loaded.Warnings.AddRange(rules.Warnings.Select(w => new Diagnostic("yara-rule-warning", w)));
            }

            if (parse.GetValue(_ioc) is { } ioc)
            {
                loaded.Add(new IocAnalyzer(IocList.Load(ioc)));
            }

            if (parse.GetValue(_clamd) is { } clamd)
            {
                var client = loaded.Own(new ClamdClient(ClamdAddress.Parse(clamd)));
                var version = client.Version();
                loaded.Add(new ClamdAnalyzer(client, version));
                if (!ClamdAnalyzer.HasDatabaseVersion(version))
                {
                    loaded.Warnings.Add(new Diagnostic("clamd-no-database-version", "clamd reports no signature database version: layer results of this scan were neither read from nor written to the cache"));
                }
            }
        }
        catch
        {
            loaded.Dispose();
            throw;
        }

        return loaded;
    }
}
