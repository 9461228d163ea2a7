namespace Drydock.Tests.Fixtures;

/// <summary>The real images built by scripts/build-test-images.sh from Debian packages (busybox, layered, opaque, debian),
/// each as an OCI layout, a docker-archive and an oci-archive. Built once per machine and reused.</summary>
public sealed class TestImages
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly HashSet<string> _built = [];

    /// <summary>Where the images are: $DRYDOCK_TEST_IMAGES, else .testdata/images in the repository.</summary>
    public string Directory { get; } = Environment.GetEnvironmentVariable("DRYDOCK_TEST_IMAGES")
        ?? Path.Combine(RepoPaths.Root, ".testdata", "images");

    /// <summary>The tag each image is built with.</summary>
    public static string TagOf(string name) => name switch
    {
        "busybox" => "latest",
        "layered" or "opaque" or "removed" => "v1",
        "debian" or "ordinary" => "bookworm",
        "node" or "npm-malware" or "miner" or "hacktools" or "secrets" or "misconfig" or "executables" or "windows-software" or "malware-samples" => "v1",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Builds <paramref name="name"/> unless it exists, and returns the folder holding it.</summary>
    public async Task<string> EnsureAsync(string name)
    {
        await _lock.WaitAsync();
        try
        {
            if (_built.Add(name))
            {
                var result = await ProcessRunner.RunAsync(Path.Combine(RepoPaths.Root, "scripts", "build-test-images.sh"),
                    [Directory, name], TimeSpan.FromMinutes(8));
                if (result.ExitCode != 0)
                {
                    _built.Remove(name);
                    throw new InvalidOperationException($"building test image {name} failed: {result.Stderr}");
                }
            }

            return Directory;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The OCI layout folder of an image.</summary>
    public string OciLayout(string name) => Path.Combine(Directory, name + "-oci");

    /// <summary>The docker-archive of an image.</summary>
    public string DockerArchive(string name) => Path.Combine(Directory, name + ".docker.tar");

    /// <summary>The oci-archive of an image.</summary>
    public string OciArchive(string name) => Path.Combine(Directory, name + ".oci.tar");

    /// <summary>The root filesystem an image was built from (busybox, debian, ordinary; malware-samples: its files before the last layer).</summary>
    public string RootFs(string name) => Path.Combine(Directory, "rootfs", name);

    /// <summary>The raw secrets planted in the <c>secrets</c> image, one NAME=VALUE a line (for masking tests).</summary>
    public string SecretsRaw => Path.Combine(Directory, "secrets.raw");

    /// <summary>The manifest digest the OCI layout records.</summary>
    public string ManifestDigest(string name) => File.ReadAllText(Path.Combine(Directory, ".built-" + name)).Trim();
}

/// <summary>Shares one <see cref="TestImages"/> across the test classes that need images.</summary>
[CollectionDefinition(Name)]
public sealed class TestImagesCollection : ICollectionFixture<TestImages>
{
    public const string Name = "test images";
}
