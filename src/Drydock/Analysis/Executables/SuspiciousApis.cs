using System.Collections.Frozen;

namespace Drydock.Analysis.Executables;

/// <summary>The Windows API functions whose import the executables analyzer records: the building blocks of process
/// injection, process hollowing and credential theft. One import proves nothing; the windows-malware detector looks
/// for combinations.</summary>
public static class SuspiciousApis
{
    /// <summary>Every watched name (ANSI and wide variants listed separately, as PE import tables spell them).</summary>
    public static FrozenSet<string> Names { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        // Memory and threads of another process (injection, hollowing).
        "OpenProcess", "VirtualAllocEx", "NtAllocateVirtualMemory", "WriteProcessMemory", "NtWriteVirtualMemory",
        "CreateRemoteThread", "CreateRemoteThreadEx", "NtCreateThreadEx", "RtlCreateUserThread", "QueueUserAPC", "NtQueueApcThread",
        "NtUnmapViewOfSection", "ZwUnmapViewOfSection", "SetThreadContext", "NtSetContextThread", "ResumeThread",
        // Dumping another process's memory with debug privilege (LSASS), saved credentials, the SAM database.
        "MiniDumpWriteDump", "AdjustTokenPrivileges",
        "CredEnumerateA", "CredEnumerateW", "CryptUnprotectData",
        "SamConnect", "SamOpenUser", "SamQueryInformationUser",
    ]);

    /// <summary>Looks a name up without allocating.</summary>
    public static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; } = Names.GetAlternateLookup<ReadOnlySpan<char>>();
}
