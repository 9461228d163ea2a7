using Drydock.Layers;
using Drydock.Sandbox.Runtime;
using Drydock.Sources;

namespace Drydock.Sandbox.Bundle;

/// <summary>Unpacks an image's layers, lowest first, into a directory that becomes the sandbox's read-only root:
/// whiteouts delete what lower layers wrote, owners are shifted into the user-namespace range, devices are
/// skipped, and every path is resolved inside the root (a symlink never leads a write outside it).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootFsExtractor(InputLimits limits, IdShift ids, long maxBytes)
{
    private const int MaxSymlinkHops = 40;

    /// <summary>Unpacks every layer of <paramref name="image"/> into the empty directory <paramref name="root"/>.</summary>
    /// <exception cref="HostileInputException">A layer is corrupt or the unpacked size passes the limit.</exception>
    public async Task<RootFsExtraction> ExtractAsync(IImage image, string root, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var state = new State(Path.GetFullPath(root));
        foreach (var layer in image.Layers)
        {
            var name = $"layer {layer.Index} ({layer.Digest?.ToString() ?? layer.DiffId?.ToString() ?? "rootfs"})";
            var blob = await layer.OpenAsync(cancellationToken).ConfigureAwait(false);
            var reader = new LayerReader(blob, layer.MediaType, layer.DiffId, limits, name);
            await foreach (var entry in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await ApplyAsync(state, entry, name, cancellationToken).ConfigureAwait(false);
            }
        }

        LinuxCalls.ChangeOwner(state.Root, ids.ToHost(0), ids.ToHost(0));
        File.SetUnixFileMode(state.Root, (UnixFileMode)0b111_101_101);
        return new RootFsExtraction(state.Bytes, state.Entries, state.Warnings);
    }

    private async Task ApplyAsync(State state, LayerEntry entry, string layer, CancellationToken cancellationToken)
    {
        var info = entry.Info;
        if (info.Path.Length == 0)
        {
            return;
        }

        var target = ResolveParent(state.Root, info.Path, ids.ToHost(0));
        if (target is null)
        {
            state.Warnings.Add(new Diagnostic("sandbox-unsafe-path", $"{layer}: /{info.Path} resolves outside the root or loops; skipped", info.Path, layer));
            return;
        }

        switch (info.Kind)
        {
            case EntryKind.Whiteout:
                Remove(target);
                return;
            case EntryKind.OpaqueWhiteout:
                if (Directory.Exists(target) && !IsLink(target))
                {
                    foreach (var child in Directory.EnumerateFileSystemEntries(target))
                    {
                        Remove(child);
                    }
                }

                return;
            case EntryKind.Directory:
                if (!Directory.Exists(target) || IsLink(target))
                {
                    Remove(target);
                    Directory.CreateDirectory(target);
                }

                break;
            case EntryKind.File:
                Remove(target);
                await WriteFileAsync(state, entry, target, cancellationToken).ConfigureAwait(false);
                break;
            case EntryKind.Symlink:
                Remove(target);
                File.CreateSymbolicLink(target, info.LinkTarget ?? "");
                LinuxCalls.ChangeOwner(target, ids.ToHost(info.Uid), ids.ToHost(info.Gid));
                state.Entries++;
                return;
            case EntryKind.HardLink:
                Remove(target);
                var source = info.LinkTarget is { Length: > 0 } t ? ResolveParent(state.Root, t, ids.ToHost(0)) : null;
                if (source is null || !File.Exists(source) || IsLink(source) || !LinuxCalls.TryLink(source, target))
                {
                    state.Warnings.Add(new Diagnostic("sandbox-unsafe-link", $"{layer}: hard link /{info.Path} -> /{info.LinkTarget} has no regular file to link to; skipped", info.Path, layer));
                    return;
                }

                state.Entries++;
                return;
            default:
                state.Warnings.Add(new Diagnostic("sandbox-device-skipped", $"{layer}: /{info.Path} is a {info.Kind}; devices and fifos are not created in the sandbox", info.Path, layer));
                return;
        }

        // chown clears the set-id bits, so the mode comes after the owner.
        LinuxCalls.ChangeOwner(target, ids.ToHost(info.Uid), ids.ToHost(info.Gid));
        File.SetUnixFileMode(target, (UnixFileMode)(info.Mode & 0xFFF));
        state.Entries++;
    }

    private async Task WriteFileAsync(State state, LayerEntry entry, string target, CancellationToken cancellationToken)
    {
        state.Bytes += entry.Info.Size;
        if (state.Bytes > maxBytes)
        {
            throw new HostileInputException($"the image unpacks to more than {maxBytes:N0} bytes, the sandbox's limit");
        }

        var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        await using (output.ConfigureAwait(false))
        {
            if (entry.Data is { } data)
            {
                await data.CopyToAsync(output, 128 * 1024, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The host path of an entry: every parent component resolved inside the root (symlinks included,
    /// <c>..</c> clamped at the root, as container runtimes do), the last component left as it is.
    /// Directories the path needs but no entry created are made and given to <paramref name="owner"/>.</summary>
    internal static string? ResolveParent(string root, string relative, int owner)
    {
        var slash = relative.LastIndexOf('/');
        var parent = slash < 0 ? "" : relative[..slash];
        var leaf = slash < 0 ? relative : relative[(slash + 1)..];
        var resolved = ResolveDirectory(root, parent, owner);
        return resolved is null || leaf is "" or "." or ".." ? null : Path.Join(resolved, leaf);
    }

    private static string? ResolveDirectory(string root, string relative, int owner)
    {
        var pending = new Stack<string>(relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = new List<string>();
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (current.Count > 0)
                {
                    current.RemoveAt(current.Count - 1);
                }

                continue;
            }

            var candidate = Path.Join(root, string.Join('/', current), part);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } link)
            {
                if (++hops > MaxSymlinkHops)
                {
                    return null;
                }

                if (link.StartsWith('/'))
                {
                    current.Clear();
                }

                foreach (var piece in link.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(piece);
                }

                continue;
            }

            if (info.Exists)
            {
                // A regular file where a directory is needed: the entry cannot be placed.
                return null;
            }

            current.Add(part);
            if (!Directory.Exists(candidate))
            {
                Directory.CreateDirectory(candidate);
                LinuxCalls.ChangeOwner(candidate, owner, owner);
            }
        }

        return Path.Join(root, string.Join('/', current));
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static void Remove(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private sealed class State(string root)
    {
        public string Root { get; } = root;
        public long Bytes { get; set; }
        public int Entries { get; set; }
        public List<Diagnostic> Warnings { get; } = [];
    }
}
