namespace Drydock.Sources.Registry;

/// <summary>A username and secret for one registry (a password or an identity token).</summary>
/// <param name="Username">The user name; empty with an identity token.</param>
/// <param name="Secret">The password.</param>
/// <param name="IdentityToken">An OAuth2 refresh token from a credential helper, used instead of a password.</param>
public sealed record RegistryCredential(string Username, string Secret, string? IdentityToken = null)
{
    /// <inheritdoc />
    public override string ToString() => $"RegistryCredential({Username}, ***)";
}
