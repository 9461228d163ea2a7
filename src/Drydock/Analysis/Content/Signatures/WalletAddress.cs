namespace Drydock.Analysis.Content.Signatures;

/// <summary>A cryptocurrency wallet address that passed its format's checksum.</summary>
/// <param name="Coin"><c>monero</c>, <c>bitcoin</c> or <c>ethereum</c>.</param>
/// <param name="Kind">The address form: <c>standard</c>, <c>integrated</c>, <c>subaddress</c>, <c>p2pkh</c>, <c>p2sh</c>,
/// <c>segwit</c>, <c>eip55</c>.</param>
/// <param name="Text">The address as written.</param>
/// <param name="Offset">Byte offset in the file.</param>
public sealed record WalletAddress(string Coin, string Kind, string Text, long Offset);
