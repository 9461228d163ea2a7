using Drydock.Sources.Archives;

namespace Drydock.Sources.OciLayout;

/// <summary>An OCI layout in a directory. Symlinks inside it are followed only while they stay inside the layout.</summary>
internal sealed class DirectoryLayoutStorage : IOciLayoutStorage
{
    private readonly string _root;

    public DirectoryLayoutStorage(string root, string name)
    {
        var full = Path.GetFullPath(root);
        _root = (new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full).TrimEnd('/');
        Name = name;
    }

    public string Name { get; }

    public ValueTask<OpenedLayoutFile?> OpenAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = _root;
        foreach (var part in relativePath.Split('/'))
        {
            path = Path.Join(path, part);
            var info = new FileInfo(path);
            if (info.LinkTarget is null)
            {
                continue;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !target.StartsWith(_root + "/", StringComparison.Ordinal))
            {
                throw new HostileInputException($"{Name}: '{relativePath}' is a symlink leading outside the layout");
            }
        }

        FileStatus status;
        try
        {
            status = FileStatus.Of(path, followSymlink: true);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult<OpenedLayoutFile?>(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"{Name}: cannot read '{relativePath}' ({e.Message})", e);
        }

        if (status.Type != LocalFileType.Regular)
        {
            throw new DrydockInputException($"{Name}: '{relativePath}' is not a regular file");
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return ValueTask.FromResult<OpenedLayoutFile?>(new OpenedLayoutFile(stream, stream.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"{Name}: cannot read '{relativePath}' ({e.Message})", e);
        }
    }
}
