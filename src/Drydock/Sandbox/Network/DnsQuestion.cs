namespace Drydock.Sandbox.Network;

/// <summary>The first question of a DNS query, with what the answer must echo.</summary>
/// <param name="Id">The query's identifier.</param>
/// <param name="Flags">The query's header flags.</param>
/// <param name="Name">The name, lower case, without the final dot; unusual bytes as <c>\DDD</c>.</param>
/// <param name="Type">The record type asked for.</param>
/// <param name="Class">The class asked for (1 is IN).</param>
/// <param name="WireName">The name in uncompressed wire form, case kept, to echo in the answer.</param>
internal readonly record struct DnsQuestion(ushort Id, ushort Flags, string Name, ushort Type, ushort Class, byte[] WireName)
{
    /// <summary>The type's mnemonic, or <c>TYPEn</c> (RFC 3597) for the ones the sink has no name for.</summary>
    public string TypeName => Type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        64 => "SVCB",
        65 => "HTTPS",
        255 => "ANY",
        _ => "TYPE" + Type,
    };
}
