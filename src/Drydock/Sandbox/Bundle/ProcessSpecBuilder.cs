using Drydock.Sources.Manifests;

namespace Drydock.Sandbox.Bundle;

/// <summary>Builds the container's process from the image config and the user's overrides, as
/// <c>docker run</c> does: Entrypoint then Cmd, the image's Env with overrides, WorkingDir, User.</summary>
public static class ProcessSpecBuilder
{
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The process for <paramref name="config"/> in the unpacked <paramref name="root"/>.</summary>
    /// <exception cref="SandboxException">Nothing to run, or a user the image does not define.</exception>
    public static ProcessSpec Build(ContainerConfig? config, string root, SandboxOptions options)
    {
        var entrypoint = options.Entrypoint ?? config?.Entrypoint ?? [];
        var command = options.Command ?? (options.Entrypoint is null ? config?.Cmd : null) ?? [];
        var arguments = entrypoint.Concat(command).ToList();
        if (arguments.Count == 0)
        {
            throw new SandboxException("the image has no Entrypoint or Cmd to run; give one with --cmd");
        }

        var environment = new List<string>();
        foreach (var pair in (config?.Env ?? []).Concat(options.Environment))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            environment.RemoveAll(e => e.StartsWith(key + "=", StringComparison.Ordinal) || e == key);
            environment.Add(pair);
        }

        if (!environment.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)))
        {
            environment.Insert(0, DefaultPath);
        }

        var (uid, gid, groups) = ImageUser.Resolve(root, config?.User);
        var cwd = string.IsNullOrWhiteSpace(config?.WorkingDir) ? "/" : config.WorkingDir;
        if (!cwd.StartsWith('/'))
        {
            cwd = "/" + cwd;
        }

        return new ProcessSpec(arguments, environment, cwd, uid, gid, groups);
    }
}
