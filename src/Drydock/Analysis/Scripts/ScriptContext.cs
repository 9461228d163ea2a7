namespace Drydock.Analysis.Scripts;

/// <summary>Where a script or command line was found. The same text weighs differently by place: a pipe from curl
/// into sh is routine in an installer script, suspect in a cron job or an entrypoint, and an alarm in an npm install hook.</summary>
public enum ScriptContext : byte
{
    /// <summary>Any file that starts with <c>#!</c> and lives nowhere more telling.</summary>
    Script,

    /// <summary>A crontab: <c>/etc/crontab</c>, <c>/etc/cron.d</c>, <c>/etc/cron.{hourly,daily,weekly,monthly}</c>, <c>/var/spool/cron</c>.</summary>
    Cron,

    /// <summary>Run at boot or login: rc files, init scripts, shell profiles, admin systemd units, supervisor programs.</summary>
    Startup,

    /// <summary>A container entrypoint script (<c>*entrypoint*</c>, or <c>start.sh</c>/<c>run.sh</c> at the root).</summary>
    Entrypoint,

    /// <summary>A JavaScript file in <c>node_modules</c> named as npm install hooks conventionally are (<c>install.js</c>, <c>postinstall.js</c>, …).</summary>
    NpmInstallFile,

    /// <summary>An npm <c>preinstall</c>, <c>install</c> or <c>postinstall</c> command.</summary>
    NpmLifecycle,

    /// <summary>The image configuration's Entrypoint, Cmd or Env.</summary>
    ImageConfig,

    /// <summary>A <c>created_by</c> line of the image history (the build's own commands).</summary>
    BuildHistory,
}
