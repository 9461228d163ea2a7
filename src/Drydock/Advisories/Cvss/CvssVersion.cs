namespace Drydock.Advisories.Cvss;

/// <summary>The CVSS specification a vector follows.</summary>
public enum CvssVersion
{
    /// <summary>CVSS v2 (FIRST's "Complete Guide to the CVSS Version 2"); vectors carry no prefix.</summary>
    V2_0,

    /// <summary>CVSS v3.0, prefix <c>CVSS:3.0/</c>.</summary>
    V3_0,

    /// <summary>CVSS v3.1, prefix <c>CVSS:3.1/</c>.</summary>
    V3_1,

    /// <summary>CVSS v4.0, prefix <c>CVSS:4.0/</c>.</summary>
    V4_0,
}
