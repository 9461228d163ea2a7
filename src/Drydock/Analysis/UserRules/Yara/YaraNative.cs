using System.Reflection;
using System.Runtime.InteropServices;

namespace Drydock.Analysis.UserRules.Yara;

/// <summary>The libyara 4 entry points Drydock calls (source-generated P/Invoke, AOT-safe). The library is found by
/// soname: Debian bookworm ships <c>libyara.so.9</c> (YARA 4.2), later releases <c>libyara.so.10</c>.</summary>
internal static unsafe partial class YaraNative
{
    private const string Library = "yara";

    /// <summary>The sonames probed, newest first; the unversioned name comes from a -dev package.</summary>
    internal static readonly string[] SoNames = ["libyara.so.10", "libyara.so.9", "libyara.so"];

    internal const int CallbackMessageRuleMatching = 1;
    internal const int CallbackContinue = 0;
    internal const int CallbackError = 2;
    internal const int ErrorScanTimeout = 26;

    static YaraNative() => NativeLibrary.SetDllImportResolver(typeof(YaraNative).Assembly, Resolve);

    /// <summary>The soname of the first libyara that loads, or null when none is installed.</summary>
    internal static string? FindLibrary()
    {
        foreach (var name in SoNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return name;
            }
        }

        return null;
    }

    // Maps the import name "yara" to the first soname present; other libraries of the assembly resolve as usual.
    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return 0;
        }

        foreach (var soname in SoNames)
        {
            if (NativeLibrary.TryLoad(soname, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    [LibraryImport(Library)]
    internal static partial int yr_initialize();

    [LibraryImport(Library)]
    internal static partial int yr_finalize();

    [LibraryImport(Library)]
    internal static partial int yr_compiler_create(nint* compiler);

    [LibraryImport(Library)]
    internal static partial void yr_compiler_destroy(nint compiler);

    [LibraryImport(Library)]
    internal static partial void yr_compiler_set_callback(nint compiler, delegate* unmanaged[Cdecl]<int, byte*, int, nint, byte*, nint, void> callback, nint userData);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int yr_compiler_add_fd(nint compiler, int fd, string? ns, string? fileName);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int yr_compiler_add_string(nint compiler, string rules, string? ns);

    [LibraryImport(Library)]
    internal static partial int yr_compiler_get_rules(nint compiler, nint* rules);

    [LibraryImport(Library)]
    internal static partial int yr_rules_destroy(nint rules);

    [LibraryImport(Library)]
    internal static partial int yr_rules_save_stream(nint rules, Stream* stream);

    [LibraryImport(Library)]
    internal static partial int yr_scanner_create(nint rules, nint* scanner);

    [LibraryImport(Library)]
    internal static partial void yr_scanner_destroy(nint scanner);

    [LibraryImport(Library)]
    internal static partial void yr_scanner_set_callback(nint scanner, delegate* unmanaged[Cdecl]<nint, int, nint, nint, int> callback, nint userData);

    [LibraryImport(Library)]
    internal static partial void yr_scanner_set_timeout(nint scanner, int seconds);

    [LibraryImport(Library)]
    internal static partial int yr_scanner_scan_mem(nint scanner, byte* buffer, nuint length);

    /// <summary><c>YR_STREAM</c>: what <c>yr_rules_save_stream</c> writes the compiled rules to.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Stream
    {
        public nint UserData;
        public delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint> Read;
        public delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint> Write;
    }

    /// <summary>A few error codes from <c>yara/error.h</c> by name, for messages.</summary>
    internal static string Describe(int code) => code switch
    {
        1 => "insufficient memory",
        ErrorScanTimeout => "scan timed out",
        28 => "callback error",
        30 => "too many matches",
        46 => "too many regular-expression fibers",
        49 => "regular expression too complex",
        _ => $"YARA error {code}",
    };
}
