namespace Drydock.Analysis.Census;

/// <summary>Classifies a file's first bytes as ELF, PE, Mach-O or a #! script.</summary>
public static class ExecutableMagic
{
    /// <summary>The executable format the bytes show, or <see cref="ExecutableFormat.None"/>.</summary>
    public static ExecutableFormat Classify(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == 0x7f && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
        {
            return ExecutableFormat.Elf;
        }

        if (head.Length >= 2 && head[0] == (byte)'#' && head[1] == (byte)'!')
        {
            return ExecutableFormat.Script;
        }

        if (head.Length >= 64 && head[0] == (byte)'M' && head[1] == (byte)'Z')
        {
            // The PE header offset sits at 0x3c; confirm the "PE\0\0" signature when it is within the head.
            var offset = BitConverter.ToInt32(head[0x3c..0x40]);
            if (offset > 0 && offset <= head.Length - 4)
            {
                return head[offset..].StartsWith("PE\0\0"u8) ? ExecutableFormat.PE : ExecutableFormat.None;
            }

            return offset > 0 && offset < 64 * 1024 ? ExecutableFormat.PE : ExecutableFormat.None;
        }

        if (head.Length >= 4)
        {
            var magic = BitConverter.ToUInt32(head[..4]);
            if (magic is 0xfeedface or 0xfeedfacf or 0xcefaedfe or 0xcffaedfe)
            {
                return ExecutableFormat.MachO;
            }
        }

        return ExecutableFormat.None;
    }
}
