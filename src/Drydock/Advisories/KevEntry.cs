namespace Drydock.Advisories;

/// <summary>A CISA Known Exploited Vulnerabilities catalogue entry.</summary>
/// <param name="Cve">The CVE id.</param>
/// <param name="DateAdded">When CISA added it.</param>
/// <param name="VendorProject">The vendor or project.</param>
/// <param name="Product">The product.</param>
/// <param name="Name">CISA's name for the vulnerability.</param>
/// <param name="KnownRansomware">True when CISA lists known ransomware campaign use.</param>
public sealed record KevEntry(string Cve, DateOnly DateAdded, string? VendorProject, string? Product, string? Name, bool KnownRansomware);
