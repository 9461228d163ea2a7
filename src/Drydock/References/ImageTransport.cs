namespace Drydock.References;

/// <summary>Where an image lives, named as skopeo names its transports.</summary>
public enum ImageTransport
{
    /// <summary><c>docker://</c>: an OCI Distribution (v2) registry.</summary>
    Registry,

    /// <summary><c>docker-archive:</c>: the output of <c>docker save</c>.</summary>
    DockerArchive,

    /// <summary><c>oci:</c>: an OCI image layout directory.</summary>
    OciLayout,

    /// <summary><c>oci-archive:</c>: a tar of an OCI image layout.</summary>
    OciArchive,

    /// <summary><c>dir:</c>: an unpacked root filesystem.</summary>
    RootFs,
}

/// <summary>The names of the transports as written in references.</summary>
public static class ImageTransportNames
{
    /// <summary>The prefix used for <paramref name="transport"/> (without the colon).</summary>
    public static string Prefix(this ImageTransport transport) => transport switch
    {
        ImageTransport.Registry => "docker",
        ImageTransport.DockerArchive => "docker-archive",
        ImageTransport.OciLayout => "oci",
        ImageTransport.OciArchive => "oci-archive",
        ImageTransport.RootFs => "dir",
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };
}
