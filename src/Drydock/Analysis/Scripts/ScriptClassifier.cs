using System.Buffers;
using System.Text.RegularExpressions;
using Drydock.Analysis.Content;

namespace Drydock.Analysis.Scripts;

/// <summary>Judges scripts, command lines and npm install hooks by what their commands do: run a coin miner or
/// download one, pipe a download into a shell, decode and execute hidden code, send the environment out, or
/// download a file, make it executable and run it. Shell text is cut into commands (<see cref="ShellWords"/>), so
/// the rules look at command words and pipes rather than loose substrings; JavaScript rules (npm hooks and the
/// install files they run) look for decode-and-eval, fetch-and-eval and environment serialisation. Each rule's weight
/// depends on the <see cref="ScriptContext"/> (see docs/report-schema.md for the table).</summary>
public static partial class ScriptClassifier
{
    /// <summary>Logical lines longer than this are judged on their first part only.</summary>
    public const int MaxLineLength = 16 * 1024;

    /// <summary>Most matches returned for one text.</summary>
    public const int MaxMatches = 64;

    private const int MaxEvidenceLength = 240;

    // A line none of these occur in cannot match a shell rule (checked once per text, then per line): download tools,
    // decoders, senders, miner names, pools and options, algorithm names, python and perl decoders.
    private static readonly SearchValues<string> ShellTriggers = SearchValues.Create(
    [
        "curl", "wget", "fetch", "aria2c", "clone", "ADD http", "ADD ftp", "tftp", "netcat", "ncat", "socat", "telnet", "nslookup", "dig ", "host ", "ping ",
        "base64", "base32", "xxd", "b64decode", "decode_base64", "zlib", "codecs", "fromhex", "marshal", "MIME::Base64", "pack(", "pack (", "pack '", "pack \"",
        "stratum", "donate-level", "--coin", "randomx", "cpu-max-threads", "max-cpu-usage", "cpu-priority", "huge-pages-jit", "rig-id", "nicehash", "xmr", "miner", "t-rex", "wildrig", "rigel",
        "rx/", "cn/", "cn-", "cryptonight", "kawpow", "ethash", "etchash", "autolykos", "ghostrider", "argon2/", "astrobwt", "kheavyhash",
        "equihash", "octopus", "beamhash", "zelhash", "firopow", "progpow", "verthash", "yescrypt", "yespower", "lyra2", "x16r", "x25x",
        "supportxmr", "moneroocean", "nanopool", "2miners", "f2pool", "hashvault", "herominers", "c3pool", "unmineable",
    ], StringComparison.OrdinalIgnoreCase);

    // A JavaScript text none of these occur in cannot match a JavaScript rule.
    private static readonly SearchValues<string> JavaScriptTriggers = SearchValues.Create(
        ["eval", "Function", "runIn", "process.env", "dns.", "os.hostname", "os.userInfo", "os.homedir"], StringComparison.Ordinal);

    // Substrings naming a miner in a download's URL or output file.
    private static readonly string[] MinerDownloadNames =
    [
        "xmrig", "xmr-stak", "cpuminer", "minerd", "ccminer", "ethminer", "nbminer", "lolminer", "phoenixminer", "teamredminer",
        "srbminer", "nanominer", "gminer", "wildrig", "cgminer", "bfgminer", "nheqminer", "kawpowminer", "bzminer", "xmr-node-proxy",
    ];

    private enum Kind
    {
        MinerCommand,
        MinerDownload,
        StratumInConfig,
        PipeToShell,
        DecodeExecute,
        EnvExfiltration,
        RemoteCodeEval,
        DownloadAndRun,
    }

    /// <summary>The rules that match <paramref name="text"/> found in <paramref name="context"/>, in text order,
    /// at most one per rule and line.</summary>
    public static List<ScriptMatch> Classify(string text, ScriptContext context)
    {
        var matches = new List<ScriptMatch>();
        var javaScript = context is ScriptContext.NpmLifecycle or ScriptContext.NpmInstallFile;
        if (javaScript && text.AsSpan().IndexOfAny(JavaScriptTriggers) >= 0)
        {
            JudgeJavaScript(text, context, matches);
        }

        var next = text.AsSpan().IndexOfAny(ShellTriggers);
        if (next < 0)
        {
            return Ordered(matches);
        }

        var files = new FileFlow();
        foreach (var logical in LogicalLines(text, javaScript))
        {
            var line = context switch
            {
                ScriptContext.Cron => logical with { Text = CronCommand(logical.Text) },
                ScriptContext.Startup => logical with { Text = UnitCommand(logical.Text) },
                _ => logical,
            };
            if (HasTrigger(text, logical, line.Text, ref next))
            {
                JudgeLine(line, context, files, matches);
            }
            else if (files.Downloads > 0)
            {
                // Only following a downloaded file: "chmod +x /tmp/x" and "/tmp/x &" name no trigger themselves.
                foreach (var cmd in ShellWords.Commands(line.Text))
                {
                    files.Observe(cmd, line);
                }
            }
        }

        files.Judge(context, matches);
        return Ordered(matches);
    }

    // Whether the (possibly cron- or unit-trimmed) text of a logical line holds a trigger. The triggers of the whole
    // text are found one after another (`next`, -1 past the last), so a line with none in its raw range is passed over
    // without a search of its own: its text is a part of that range, and no trigger spans a line break. Lines joined at
    // backslash-newline are searched themselves (the join may form a trigger).
    private static bool HasTrigger(string text, Line raw, string lineText, ref int next)
    {
        if (raw.RawLength >= 0)
        {
            if (next >= 0 && next < raw.Offset)
            {
                var found = text.AsSpan(raw.Offset).IndexOfAny(ShellTriggers);
                next = found < 0 ? -1 : raw.Offset + found;
            }

            if (next < 0 || next >= raw.Offset + raw.RawLength)
            {
                return false;
            }
        }

        return lineText.AsSpan().IndexOfAny(ShellTriggers) >= 0;
    }

    private static List<ScriptMatch> Ordered(List<ScriptMatch> matches)
        => [.. matches.DistinctBy(m => (m.RuleId, m.Line)).OrderBy(m => m.CharOffset).ThenBy(m => m.RuleId, StringComparer.Ordinal).Take(MaxMatches)];

    private static void JudgeLine(Line line, ScriptContext context, FileFlow files, List<ScriptMatch> matches)
    {
        var commands = ShellWords.Commands(line.Text);
        var minerFound = false;
        for (var k = 0; k < commands.Count; k++)
        {
            var cmd = commands[k];
            var next = k + 1 < commands.Count ? commands[k + 1] : null;
            var before = k > 0 ? commands[k - 1] : null;
            if (MinerCommand.Judge(cmd.Words) is { } miner)
            {
                minerFound = true;
                Add(matches, context, Kind.MinerCommand, line, Describe(cmd), miner.RuleId, miner.Confidence, miner.Title);
            }

            if (IsDownloader(cmd, context))
            {
                if (MinerIn(cmd) is { } minerName)
                {
                    minerFound = true;
                    Add(matches, context, Kind.MinerDownload, line, Describe(cmd), title: $"downloads the {minerName} coin miner");
                }

                if (next is { Joint: '|' } && IsInterpreter(next))
                {
                    Add(matches, context, Kind.PipeToShell, line, Describe(cmd) + " | " + Describe(next), title: "pipes a download into a shell or interpreter");
                }
                else if (next is { Joint: '|' } && IsDecoder(next) && k + 2 < commands.Count && commands[k + 2].Joint == '|' && IsInterpreter(commands[k + 2]))
                {
                    Add(matches, context, Kind.DecodeExecute, line, Describe(cmd) + " | " + Describe(next) + " | " + Describe(commands[k + 2]), title: "downloads, decodes and executes code");
                }

                if (next is { Joint: '$' } && IsEnvironmentDump(next))
                {
                    Add(matches, context, Kind.EnvExfiltration, line, Describe(cmd) + " $(" + Describe(next) + ")", title: "sends the environment out with a download tool");
                }

                files.Downloaded(cmd, line);
                if (before is not null && cmd.Joint is '$' or '<' && (IsInterpreter(before) || IsEval(before)))
                {
                    Add(matches, context, Kind.PipeToShell, line, Describe(before) + " $(" + Describe(cmd) + ")", title: "runs a download through a shell or eval");
                }
            }

            if (IsDecoder(cmd))
            {
                if (next is { Joint: '|' } && IsInterpreter(next))
                {
                    Add(matches, context, Kind.DecodeExecute, line, Describe(cmd) + " | " + Describe(next), title: "decodes hidden code and pipes it into a shell or interpreter");
                }
                else if (before is not null && cmd.Joint is '$' or '<' && (IsInterpreter(before) || IsEval(before)))
                {
                    Add(matches, context, Kind.DecodeExecute, line, Describe(before) + " $(" + Describe(cmd) + ")", title: "decodes hidden code and runs it through a shell or eval");
                }
            }

            if (IsEnvironmentDump(cmd) && cmd.Joint != '$')
            {
                // env | base64 | curl -d @- …: any later command of the same pipeline that sends.
                for (var j = k + 1; j < commands.Count && commands[j].Joint == '|'; j++)
                {
                    if (IsDownloader(commands[j], context) || IsNetcat(commands[j]))
                    {
                        Add(matches, context, Kind.EnvExfiltration, line, Describe(cmd) + " | … " + Describe(commands[j]), title: "pipes the environment to the network");
                        break;
                    }
                }
            }

            files.Observe(cmd, line);
        }

        if (DnsExfiltration().Match(line.Text) is { Success: true } dns)
        {
            Add(matches, context, Kind.EnvExfiltration, line, dns.Value, title: "sends host or user data out in DNS look-ups");
        }

        if (ScriptDecodeExec().Match(line.Text) is { Success: true } decode)
        {
            Add(matches, context, Kind.DecodeExecute, line, Window(line.Text, decode.Index), title: "decodes hidden code and executes it (python or perl)");
        }

        if (!minerFound && context == ScriptContext.ImageConfig && MinerCommand.IsStratumUrl(line.Text))
        {
            Add(matches, context, Kind.StratumInConfig, line, line.Text, title: "names a stratum mining pool");
        }
    }

    // JavaScript rules, on the whole text: install files are small and their statements span lines.
    private static void JudgeJavaScript(string text, ScriptContext context, List<ScriptMatch> matches)
    {
        if (JsDirectDecodeEval().Match(text) is { Success: true } direct)
        {
            Add(matches, context, Kind.DecodeExecute, LineAt(text, direct.Index), Window(text, direct.Index), title: "evaluates decoded hidden code (eval of Buffer.from, atob, …)");
        }
        else if (JsBase64Decode().Match(text) is { Success: true } && JsDynamicExec().Match(text) is { Success: true } exec)
        {
            Add(matches, context, Kind.DecodeExecute, LineAt(text, exec.Index), Window(text, exec.Index), title: "decodes base64 and evaluates code");
        }

        if (JsEnvSerialised().Match(text) is { Success: true } env && JsNetworkSink().IsMatch(text))
        {
            Add(matches, context, Kind.EnvExfiltration, LineAt(text, env.Index), Window(text, env.Index), title: "serialises the whole environment and sends it over the network");
        }
        else if (JsHostFacts().Match(text) is { Success: true } facts && JsDnsLookup().IsMatch(text))
        {
            Add(matches, context, Kind.EnvExfiltration, LineAt(text, facts.Index), Window(text, facts.Index), title: "looks up DNS names built from host or user data", weaker: true);
        }

        if (JsNetworkFetch().IsMatch(text) && JsDynamicExec().Match(text) is { Success: true } eval)
        {
            Add(matches, context, Kind.RemoteCodeEval, LineAt(text, eval.Index), Window(text, eval.Index), title: "fetches code over the network and evaluates it");
        }
    }

    private static void Add(List<ScriptMatch> matches, ScriptContext context, Kind kind, Line line, string evidence,
        string? ruleId = null, Confidence? judged = null, string title = "", bool strong = false, bool weaker = false)
    {
        if (Weigh(kind, context, judged, strong) is not { } weight)
        {
            return;
        }

        var confidence = weaker && weight.Confidence > Confidence.Low ? weight.Confidence - 1 : weight.Confidence;
        var id = ruleId ?? weight.Prefix + "/" + RuleName(kind);
        matches.Add(new ScriptMatch(id, weight.Category, confidence, title, Cut(evidence), line.Number, line.Offset));
    }

    /// <summary>Adds a download-and-run match (called by <see cref="FileFlow"/>).</summary>
    private static void AddDownloadAndRun(List<ScriptMatch> matches, ScriptContext context, Line line, string evidence, bool strong)
        => Add(matches, context, Kind.DownloadAndRun, line, evidence, title: "downloads a file, makes it executable and runs it", strong: strong);

    private static string RuleName(Kind kind) => kind switch
    {
        Kind.MinerCommand => "miner-command-line",
        Kind.MinerDownload => "miner-download",
        Kind.StratumInConfig => "stratum-pool",
        Kind.PipeToShell => "download-pipe-shell",
        Kind.DecodeExecute => "decode-execute",
        Kind.EnvExfiltration => "env-exfiltration",
        Kind.RemoteCodeEval => "remote-code-eval",
        _ => "download-and-run",
    };

    // The weight table (docs/report-schema.md): null where a rule says nothing in that place.
    private static (string Prefix, string Category, Confidence Confidence)? Weigh(Kind kind, ScriptContext context, Confidence? judged, bool strong)
    {
        var npm = context is ScriptContext.NpmLifecycle or ScriptContext.NpmInstallFile;
        var runtime = context is ScriptContext.Cron or ScriptContext.Startup or ScriptContext.Entrypoint or ScriptContext.ImageConfig;
        var prefix = npm ? "npm-install-script" : ThreatCategory.SuspiciousScript;
        var category = npm ? ThreatCategory.MaliciousNpmPackage : ThreatCategory.SuspiciousScript;
        Confidence? confidence = kind switch
        {
            Kind.MinerCommand or Kind.MinerDownload or Kind.StratumInConfig => judged ?? Confidence.High,
            Kind.PipeToShell => npm || runtime ? Confidence.Medium : null,
            Kind.DecodeExecute or Kind.EnvExfiltration => npm || runtime ? Confidence.High : context == ScriptContext.Script ? Confidence.Medium : null,
            Kind.RemoteCodeEval => context == ScriptContext.NpmLifecycle ? Confidence.High : context == ScriptContext.NpmInstallFile ? Confidence.Medium : null,
            Kind.DownloadAndRun => npm ? Confidence.Medium
                : runtime ? (strong ? Confidence.High : Confidence.Medium)
                : context == ScriptContext.Script ? (strong ? Confidence.Medium : Confidence.Low) : null,
            _ => null,
        };
        if (confidence is not { } c)
        {
            return null;
        }

        return kind is Kind.MinerCommand or Kind.MinerDownload or Kind.StratumInConfig
            ? (ThreatCategory.CoinMiner, ThreatCategory.CoinMiner, c)
            : (prefix, category, c);
    }

    private static readonly HashSet<string> Downloaders = new(["curl", "wget", "fetch", "aria2c", "axel", "lwp-download", "tftp", "ftp"], StringComparer.Ordinal);

    private static readonly HashSet<string> Interpreters = new(
        ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "python", "python2", "python3", "perl", "ruby", "node", "nodejs", "php", "pwsh"],
        StringComparer.Ordinal);

    private static bool IsDownloader(ShellCommand cmd, ScriptContext context)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        if (at < 0)
        {
            return false;
        }

        var name = ShellWords.BaseName(cmd.Words[at]);
        if (Downloaders.Contains(name))
        {
            return true;
        }

        if (name == "git" && at + 1 < cmd.Words.Count && cmd.Words[at + 1] == "clone")
        {
            return true;
        }

        // A Dockerfile ADD of a URL, as the history records it.
        return context == ScriptContext.BuildHistory && cmd.Words.Contains("ADD") && cmd.Words.Any(IsUrl);
    }

    private static bool IsUrl(string word)
        => word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
           || word.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);

    private static string? MinerIn(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        for (var i = at + 1; i < cmd.Words.Count; i++)
        {
            foreach (var name in MinerDownloadNames)
            {
                if (cmd.Words[i].Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static bool IsInterpreter(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        if (at < 0)
        {
            return false;
        }

        var name = ShellWords.BaseName(cmd.Words[at]);
        return Interpreters.Contains(name) || (name.StartsWith("python", StringComparison.Ordinal) && name.Length <= 10 && name[6..].All(c => char.IsAsciiDigit(c) || c == '.'))
            || name is "source" or ".";
    }

    private static bool IsEval(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        return at >= 0 && cmd.Words[at] is "eval" or "source" or ".";
    }

    private static bool IsDecoder(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        if (at < 0)
        {
            return false;
        }

        var name = ShellWords.BaseName(cmd.Words[at]);
        var args = cmd.Words.Skip(at + 1).ToList();
        return name switch
        {
            "base64" or "base32" => args.Any(a => a is "-d" or "--decode" or "-D" or "-di" or "-id"),
            "openssl" => args.Any(a => a is "base64" or "enc" or "-base64" or "-a") && args.Contains("-d"),
            "xxd" => args.Any(a => a is "-r" or "-rp" or "-pr"),
            _ => false,
        };
    }

    private static bool IsEnvironmentDump(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        if (at < 0)
        {
            // "env" alone is swallowed as a prefix by CommandWord: a bare env (or env with options only) prints the environment.
            return cmd.Words.Count > 0 && ShellWords.BaseName(cmd.Words[0]) == "env" && cmd.Words.Skip(1).All(w => w.StartsWith('-'));
        }

        var name = ShellWords.BaseName(cmd.Words[at]);
        return name switch
        {
            "printenv" => cmd.Words.Count == at + 1,
            "export" => cmd.Words.Skip(at + 1).SequenceEqual(["-p"]),
            "cat" or "strings" or "tr" => cmd.Words.Skip(at + 1).Any(w => w.StartsWith("/proc/", StringComparison.Ordinal) && w.EndsWith("/environ", StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static bool IsNetcat(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        return at >= 0 && ShellWords.BaseName(cmd.Words[at]) is "nc" or "ncat" or "netcat" or "socat" or "telnet";
    }

    private static bool IsChmodExecutable(ShellCommand cmd)
    {
        var at = ShellWords.CommandWord(cmd.Words);
        if (at < 0 || ShellWords.BaseName(cmd.Words[at]) != "chmod")
        {
            return false;
        }

        foreach (var w in cmd.Words.Skip(at + 1))
        {
            if (w.Contains('x') && (w.Contains('+') || w.Contains('=')) && w[0] is '+' or '=' or 'a' or 'u' or 'o' or 'g')
            {
                return true;
            }

            // An octal mode whose owner digit has the execute bit.
            var digits = w.TrimStart('0');
            if (w.Length is >= 3 and <= 4 && w.All(c => c is >= '0' and <= '7') && digits.Length >= 3 && (digits[^3] - '0') % 2 == 1)
            {
                return true;
            }
        }

        return false;
    }

    // Words that start a crontab command rather than name its user (system crontabs have a user field, user crontabs not).
    private static readonly HashSet<string> CronCommands = new(
        ["cd", "run-parts", "test", "[", "nohup", "exec", "sudo", "env", "nice", "timeout", "flock", "chmod", "rm", "echo", "sleep", "find",
         "setsid", "command", "busybox", "if", "for", "true", "false", "mkdir", "cp", "mv", "kill", "pkill", "killall", "logrotate"],
        StringComparer.Ordinal);

    /// <summary>A crontab line without its schedule (five fields or an <c>@</c> keyword) and user field.</summary>
    private static string CronCommand(string line)
    {
        var words = line.Split([' ', '\t'], 8, StringSplitOptions.RemoveEmptyEntries);
        int skip;
        if (words.Length >= 2 && words[0].StartsWith('@'))
        {
            skip = 1;
        }
        else if (words.Length >= 6 && words.Take(5).All(IsCronField))
        {
            skip = 5;
        }
        else
        {
            return line;
        }

        if (words.Length > skip + 1 && IsUserName(words[skip]))
        {
            skip++;
        }

        // Cut the original line after the skipped words, keeping its spacing.
        var position = 0;
        for (var i = 0; i < skip; i++)
        {
            position = line.IndexOf(words[i], position, StringComparison.Ordinal) + words[i].Length;
        }

        return line[position..].TrimStart();
    }

    /// <summary>The command of a systemd <c>Exec…=</c> line or a supervisor <c>command=</c> line, else the line.</summary>
    private static string UnitCommand(string line)
    {
        var trimmed = line.TrimStart();
        var eq = trimmed.IndexOf('=');
        if (eq <= 0 || !(trimmed.StartsWith("Exec", StringComparison.Ordinal) || trimmed.StartsWith("command", StringComparison.Ordinal)))
        {
            return line;
        }

        var key = trimmed.AsSpan(0, eq).TrimEnd();
        return key.ContainsAnyExcept(UnitKeyChars) ? line : trimmed[(eq + 1)..].TrimStart(' ', '\t', '-', '@', '+', '!', ':');
    }

    private static readonly System.Buffers.SearchValues<char> UnitKeyChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly HashSet<string> CronNames = new(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sun", "mon", "tue", "wed", "thu", "fri", "sat"],
        StringComparer.OrdinalIgnoreCase);

    // A schedule field: *, */N, N, N-M, N-M/S, lists of these, and month or day names.
    private static bool IsCronField(string word)
        => word.Split(',').All(part => part.Split('/') is { Length: <= 2 } step
            && (step.Length == 1 || (step[1].Length > 0 && step[1].All(char.IsAsciiDigit)))
            && (step[0] == "*" || step[0].Split('-') is { Length: <= 2 } range && range.All(r => (r.Length > 0 && r.All(char.IsAsciiDigit)) || CronNames.Contains(r))));

    private static bool IsUserName(string word)
        => word.Length <= 32 && word[0] is (>= 'a' and <= 'z') or '_' && word.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
           && !Downloaders.Contains(word) && !Interpreters.Contains(word) && !CronCommands.Contains(word) && !MinerCommand.MinerNames.Contains(word);

    private static string Describe(ShellCommand cmd) => string.Join(' ', cmd.Words);

    private static string Cut(string text)
    {
        var one = text.ReplaceLineEndings(" ").Trim();
        return one.Length > MaxEvidenceLength ? one[..MaxEvidenceLength] + "…" : one;
    }

    // The line holding index when it is short, else a window around index.
    private static string Window(string text, int index)
    {
        var start0 = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var end0 = text.IndexOf('\n', index);
        var lineLength = (end0 < 0 ? text.Length : end0) - start0;
        if (lineLength <= MaxEvidenceLength)
        {
            return text.Substring(start0, lineLength);
        }

        var start = Math.Max(0, index - 60);
        var length = Math.Min(text.Length - start, MaxEvidenceLength);
        return text.Substring(start, length);
    }

    private static Line LineAt(string text, int index)
    {
        var number = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                number++;
                start = i + 1;
            }
        }

        return new Line(text[start..Math.Min(text.Length, start + MaxEvidenceLength)], number, start);
    }

    /// <summary>One logical line: physical lines joined at backslash-newline; comment lines left out. <c>RawLength</c> is
    /// the length of the text's range for a single physical line (before any truncation), -1 for joined lines.</summary>
    private readonly record struct Line(string Text, int Number, int Offset, int RawLength = -1);

    private static IEnumerable<Line> LogicalLines(string text, bool javaScript)
    {
        var number = 0;
        var position = 0;
        while (position < text.Length)
        {
            var start = position;
            var firstNumber = number + 1;
            var builder = new System.Text.StringBuilder();
            while (position < text.Length)
            {
                var end = text.IndexOf('\n', position);
                var physical = end < 0 ? text.AsSpan(position) : text.AsSpan(position, end - position);
                number++;
                position = end < 0 ? text.Length : end + 1;
                physical = physical.TrimEnd('\r');
                if (physical.EndsWith('\\') && builder.Length < MaxLineLength)
                {
                    builder.Append(physical[..^1]).Append(' ');
                    continue;
                }

                builder.Append(physical);
                break;
            }

            var line = builder.Length > MaxLineLength ? builder.ToString(0, MaxLineLength) : builder.ToString();
            var trimmed = line.AsSpan().TrimStart();
            var comment = javaScript
                ? trimmed.StartsWith("//") || trimmed.StartsWith("/*") || trimmed.StartsWith("*")
                : trimmed.StartsWith('#');
            if (!comment && !trimmed.IsEmpty)
            {
                yield return new Line(line, firstNumber, start, number == firstNumber ? builder.Length : -1);
            }
        }
    }

    /// <summary>Follows files through a script: downloaded, made executable, run.</summary>
    private sealed class FileFlow
    {
        private readonly List<(string Name, string Path, Line Line)> _downloads = [];
        private readonly HashSet<string> _executable = new(StringComparer.Ordinal);
        private readonly List<(string Name, string Path, bool Interpreter, bool Background, Line Line, string Text)> _runs = [];

        public void Downloaded(ShellCommand cmd, Line line)
        {
            var words = cmd.Words;
            var at = ShellWords.CommandWord(words);
            if (at < 0)
            {
                return;
            }

            var tool = ShellWords.BaseName(words[at]);
            string? url = words.FirstOrDefault(IsUrl);
            string? output = null;
            for (var i = at + 1; i < words.Count - 1; i++)
            {
                var isOutput = tool == "curl" ? words[i] is "-o" or "--output" : words[i] is "-O" or "--output-document";
                if (isOutput)
                {
                    output = words[i + 1];
                }
            }

            var path = output ?? url;
            if (path is null or "-" or "/dev/null" || tool == "git")
            {
                return;
            }

            var name = ShellWords.BaseName(path);
            if (name.Length > 0)
            {
                _downloads.Add((name, path, line));
            }
        }

        /// <summary>How many downloads to a file were seen so far.</summary>
        public int Downloads => _downloads.Count;

        /// <summary>Notes a chmod that makes files executable, or a command that runs a file.</summary>
        public void Observe(ShellCommand cmd, Line line)
        {
            if (IsChmodExecutable(cmd))
            {
                MadeExecutable(cmd);
            }

            Ran(cmd, line);
        }

        private void MadeExecutable(ShellCommand cmd)
        {
            foreach (var w in cmd.Words.Skip(ShellWords.CommandWord(cmd.Words) + 1))
            {
                if (!w.StartsWith('-') && !w.StartsWith('+'))
                {
                    _executable.Add(ShellWords.BaseName(w));
                }
            }
        }

        private void Ran(ShellCommand cmd, Line line)
        {
            var at = ShellWords.CommandWord(cmd.Words);
            if (at < 0)
            {
                return;
            }

            var background = cmd.Words.Take(at).Any(w => ShellWords.BaseName(w) is "nohup" or "setsid")
                || line.Text.TrimEnd().EndsWith('&');
            var first = cmd.Words[at];
            var name = ShellWords.BaseName(first);
            if (Interpreters.Contains(name) && at + 1 < cmd.Words.Count && !cmd.Words[at + 1].StartsWith('-'))
            {
                _runs.Add((ShellWords.BaseName(cmd.Words[at + 1]), cmd.Words[at + 1], true, background, line, Describe(cmd)));
            }
            else if (first.Contains('/') || first.StartsWith('.'))
            {
                _runs.Add((name, first, false, background, line, Describe(cmd)));
            }
        }

        public void Judge(ScriptContext context, List<ScriptMatch> matches)
        {
            foreach (var run in _runs)
            {
                foreach (var download in _downloads)
                {
                    if (download.Name != run.Name || download.Line.Number > run.Line.Number || !(run.Interpreter || _executable.Contains(run.Name)))
                    {
                        continue;
                    }

                    var strong = run.Background || run.Name.StartsWith('.') || IsScratch(download.Path) || IsScratch(run.Path);
                    AddDownloadAndRun(matches, context, run.Line, run.Text, strong);
                    break;
                }
            }
        }

        private static bool IsScratch(string path)
            => path.StartsWith("/tmp/", StringComparison.Ordinal) || path.StartsWith("/var/tmp/", StringComparison.Ordinal)
               || path.StartsWith("/dev/shm/", StringComparison.Ordinal) || path.Contains("/.", StringComparison.Ordinal);
    }

    // nslookup $(whoami).x.example, dig `hostname`.x.example: host or user data spelled into a DNS name.
    [GeneratedRegex(@"\b(nslookup|dig|host|ping)\s[^;|&\n]{0,200}?(\$\(|`)\s*(whoami|hostname|id|uname|printenv|env|pwd|cat)\b[^)`\n]{0,100}[)`]\.[a-z0-9-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DnsExfiltration();

    // python -c "exec(base64.b64decode(...))", perl -e 'eval(decode_base64(...))'.
    [GeneratedRegex(@"\bexec\s*\(\s*(base64\.b64decode|__import__\(\s*['""]base64|zlib\.decompress|codecs\.decode|bytes\.fromhex|marshal\.loads)|\beval\s*\(?\s*(decode_base64|MIME::Base64::decode|pack\s*\(?\s*['""]H)", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptDecodeExec();

    [GeneratedRegex(@"\b(eval|Function|runInThisContext|runInNewContext|runInContext)\s*\(\s*(Buffer\.from|new\s+Buffer|Buffer\(|atob|unescape|decodeURIComponent|String\.fromCharCode|require\(\s*['""]zlib)", RegexOptions.CultureInvariant)]
    private static partial Regex JsDirectDecodeEval();

    [GeneratedRegex(@"Buffer\.from\([^()]{1,512}?,\s*['""]base64['""]\s*\)|\batob\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex JsBase64Decode();

    // eval of anything but a string literal (bundlers write eval("require")), new Function, vm.runIn*Context.
    [GeneratedRegex(@"\beval\s*\(\s*[^\s'""`)]|\bnew\s+Function\s*\(|\bvm\.runIn\w*Context\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex JsDynamicExec();

    [GeneratedRegex(@"(JSON\.stringify|Object\.(keys|entries|values)|querystring\.stringify|qs\.stringify|new\s+URLSearchParams)\s*\(\s*process\.env\s*[,)]", RegexOptions.CultureInvariant)]
    private static partial Regex JsEnvSerialised();

    [GeneratedRegex(@"\b(https?\.(request|get)|fetch|dns\.(lookup|resolve\w*)|net\.(connect|createConnection)|axios(\.\w+)?|request|got)\s*\(|XMLHttpRequest|WebSocket\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex JsNetworkSink();

    [GeneratedRegex(@"\bos\.(hostname|userInfo|homedir)\s*\(\s*\)|process\.env\.(USER|USERNAME|HOME|HOSTNAME|LOGNAME)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JsHostFacts();

    [GeneratedRegex(@"\bdns\.(lookup|resolve\w*)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex JsDnsLookup();

    [GeneratedRegex(@"require\(\s*['""](https?|node:https?)['""]\s*\)|\bhttps?\.get\s*\(|\bfetch\s*\(\s*['""`]?https?:", RegexOptions.CultureInvariant)]
    private static partial Regex JsNetworkFetch();
}
