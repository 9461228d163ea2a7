using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Drydock.Analysis.UserRules.Yara;

/// <summary>YARA rules compiled once per scan through libyara (<c>--yara-rules</c>): a file, or every <c>.yar</c> and
/// <c>.yara</c> file under a directory, each in the namespace named after the file. Layers are analysed in parallel:
/// each scan takes a libyara scanner from a pool, so no scanner is ever used by two threads at once.</summary>
public sealed unsafe class YaraRuleSet : IDisposable
{
    private static readonly Lock LibraryLock = new();

    private readonly nint _rules;
    private readonly ConcurrentBag<nint> _scanners = [];
    private bool _disposed;

    private YaraRuleSet(nint rules, string library, IReadOnlyList<string> warnings)
    {
        _rules = rules;
        Library = library;
        Warnings = warnings;
        Digest = ComputeDigest(rules);
    }

    /// <summary>The libyara soname in use.</summary>
    public string Library { get; }

    /// <summary>SHA-256 of the compiled rules (libyara's saved form, which is reproducible): the rules' part of the cache key.</summary>
    public string Digest { get; }

    /// <summary>Compiler warnings, as <c>FILE:LINE: message</c>.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Seconds libyara may spend on one file before giving up on it (a warning, not a failure).</summary>
    public const int TimeoutSeconds = 60;

    /// <summary>The rule files <paramref name="path"/> names: itself, or the <c>.yar</c>/<c>.yara</c> files under it, sorted.</summary>
    public static IReadOnlyList<string> RuleFiles(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new DrydockInputException($"--yara-rules {path}: no such file or directory");
        }

        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yar", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yara", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new DrydockInputException($"--yara-rules {path}: no .yar or .yara files in the directory");
    }

    /// <summary>Compiles the rules <paramref name="path"/> names; throws <see cref="DrydockInputException"/> when libyara is
    /// absent or a rule does not compile (with the file and line YARA reports).</summary>
    public static YaraRuleSet Compile(string path)
    {
        var files = RuleFiles(path);
        var root = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Compile(files.Select(f => (Namespace(root, f), f)).ToList());
    }

    /// <summary>Compiles <paramref name="files"/>, each into its namespace.</summary>
    public static YaraRuleSet Compile(IReadOnlyList<(string Namespace, string File)> files)
    {
        var library = YaraNative.FindLibrary()
            ?? throw new DrydockInputException($"--yara-rules: libyara is not installed (looked for {string.Join(", ", YaraNative.SoNames)}; on Debian: apt-get install libyara9)");
        Initialize();
        nint rules;
        IReadOnlyList<string> warnings;
        try
        {
            rules = CompileRules(files, out warnings);
        }
        catch
        {
            Finalize_();
            throw;
        }

        var set = new YaraRuleSet(rules, library, warnings);
        try
        {
            set.CheckLayout();
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Scans <paramref name="content"/> and returns the rules that matched and libyara's error code (0 when none).</summary>
    public (List<YaraMatch> Matches, int Error) Scan(ReadOnlySpan<byte> content)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var scanner = Rent();
        var collector = new Collector();
        var handle = GCHandle.Alloc(collector);
        try
        {
            YaraNative.yr_scanner_set_callback(scanner, &OnScanEvent, GCHandle.ToIntPtr(handle));
            byte empty = 0;
            int error;
            fixed (byte* data = content)
            {
                error = YaraNative.yr_scanner_scan_mem(scanner, content.IsEmpty ? &empty : data, (nuint)content.Length);
            }

            return (collector.Matches, collector.Failure ?? error);
        }
        finally
        {
            handle.Free();
            _scanners.Add(scanner);
        }
    }

    /// <summary>Frees the scanners and the rules; no scan may be running.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_scanners.TryTake(out var scanner))
        {
            YaraNative.yr_scanner_destroy(scanner);
        }

        YaraNative.yr_rules_destroy(_rules);
        Finalize_();
    }

    private nint Rent()
    {
        if (_scanners.TryTake(out var scanner))
        {
            return scanner;
        }

        var error = YaraNative.yr_scanner_create(_rules, &scanner);
        if (error != 0)
        {
            throw new InvalidOperationException($"libyara could not create a scanner: {YaraNative.Describe(error)}");
        }

        YaraNative.yr_scanner_set_timeout(scanner, TimeoutSeconds);
        return scanner;
    }

    // The namespace of a rule file: its path below the rules directory without extension, with dots for slashes.
    private static string Namespace(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        var dot = relative.LastIndexOf('.');
        return (dot > 0 ? relative[..dot] : relative).Replace('/', '.');
    }

    private static nint CompileRules(IReadOnlyList<(string Namespace, string File)> files, out IReadOnlyList<string> warnings)
    {
        nint compiler;
        if (YaraNative.yr_compiler_create(&compiler) != 0)
        {
            throw new InvalidOperationException("libyara could not create a compiler");
        }

        var messages = new CompilerMessages();
        var handle = GCHandle.Alloc(messages);
        try
        {
            YaraNative.yr_compiler_set_callback(compiler, &OnCompilerMessage, GCHandle.ToIntPtr(handle));
            foreach (var (ns, file) in files)
            {
                int errors;
                try
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read);
                    errors = YaraNative.yr_compiler_add_fd(compiler, (int)stream.SafeFileHandle.DangerousGetHandle(), ns, file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new DrydockInputException($"--yara-rules {file}: {e.Message}", e);
                }

                if (errors > 0)
                {
                    throw new DrydockInputException($"--yara-rules: {messages.FirstError ?? file + ": does not compile"}");
                }
            }

            nint rules;
            var error = YaraNative.yr_compiler_get_rules(compiler, &rules);
            if (error != 0)
            {
                throw new DrydockInputException($"--yara-rules: libyara could not build the rules: {YaraNative.Describe(error)}");
            }

            warnings = messages.Warnings;
            return rules;
        }
        finally
        {
            YaraNative.yr_compiler_destroy(compiler);
            handle.Free();
        }
    }

    // The structure offsets YaraLayout reads are those of YARA 4.2; a probe rule proves them on the library loaded.
    private void CheckLayout()
    {
        var probe = CompileProbe();
        try
        {
            var (matches, error) = probe.Scan("..needle.."u8);
            var match = matches.Count == 1 ? matches[0] : null;
            if (error != 0 || match is not { Namespace: "default", Rule: "drydock_layout_probe" }
                || match.Metas.GetValueOrDefault("category") != "probe" || match.Metas.GetValueOrDefault("weight") != "7"
                || match.Strings is not [{ Value: "$needle: needle", Offset: 2 }])
            {
                throw new DrydockInputException($"--yara-rules: {Library} lays out its structures differently from YARA 4.2, which Drydock reads; install libyara9");
            }
        }
        finally
        {
            probe.Dispose();
        }
    }

    private const string ProbeRule = "rule drydock_layout_probe { meta: category = \"probe\" weight = 7 strings: $needle = \"needle\" condition: $needle }";

    // The layout probe compiled from source text.
    private YaraRuleSet CompileProbe()
    {
        Initialize();
        nint compiler = 0, rules = 0;
        try
        {
            if (YaraNative.yr_compiler_create(&compiler) != 0 || YaraNative.yr_compiler_add_string(compiler, ProbeRule, null) != 0
                || YaraNative.yr_compiler_get_rules(compiler, &rules) != 0)
            {
                throw new InvalidOperationException("libyara could not compile the layout probe");
            }
        }
        catch
        {
            Finalize_();
            throw;
        }
        finally
        {
            if (compiler != 0)
            {
                YaraNative.yr_compiler_destroy(compiler);
            }
        }

        return new YaraRuleSet(rules, Library, []);
    }

    private static string ComputeDigest(nint rules)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var handle = GCHandle.Alloc(hash);
        try
        {
            var stream = new YaraNative.Stream { UserData = GCHandle.ToIntPtr(handle), Read = &NoRead, Write = &OnWrite };
            var error = YaraNative.yr_rules_save_stream(rules, &stream);
            if (error != 0)
            {
                throw new InvalidOperationException($"libyara could not serialise the rules: {YaraNative.Describe(error)}");
            }
        }
        finally
        {
            handle.Free();
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // yr_initialize and yr_finalize keep a reference count but are not thread-safe.
    private static void Initialize()
    {
        lock (LibraryLock)
        {
            var error = YaraNative.yr_initialize();
            if (error != 0)
            {
                throw new DrydockInputException($"--yara-rules: libyara failed to initialise: {YaraNative.Describe(error)}");
            }
        }
    }

    private static void Finalize_()
    {
        lock (LibraryLock)
        {
            YaraNative.yr_finalize();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnWrite(byte* data, nuint size, nuint count, nint user)
    {
        try
        {
            var hash = (IncrementalHash)GCHandle.FromIntPtr(user).Target!;
            hash.AppendData(new ReadOnlySpan<byte>(data, checked((int)(size * count))));
            return count;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint NoRead(byte* data, nuint size, nuint count, nint user) => 0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCompilerMessage(int level, byte* file, int line, nint rule, byte* message, nint user)
    {
        try
        {
            var messages = (CompilerMessages)GCHandle.FromIntPtr(user).Target!;
            var text = $"{Marshal.PtrToStringUTF8((nint)file) ?? "(rules)"}:{line}: {Marshal.PtrToStringUTF8((nint)message)}";
            if (level == 0)
            {
                messages.FirstError ??= text;
            }
            else
            {
                messages.Warnings.Add(text);
            }
        }
        catch (Exception)
        {
            // Nothing may unwind into libyara; a lost message leaves the generic error.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnScanEvent(nint context, int message, nint data, nint user)
    {
        if (message != YaraNative.CallbackMessageRuleMatching)
        {
            return YaraNative.CallbackContinue;
        }

        var collector = (Collector)GCHandle.FromIntPtr(user).Target!;
        try
        {
            collector.Matches.Add(YaraLayout.Read(context, data));
            return YaraNative.CallbackContinue;
        }
        catch (Exception)
        {
            collector.Failure = 28;
            return YaraNative.CallbackError;
        }
    }

    private sealed class CompilerMessages
    {
        public string? FirstError { get; set; }

        public List<string> Warnings { get; } = [];
    }

    private sealed class Collector
    {
        public List<YaraMatch> Matches { get; } = [];

        public int? Failure { get; set; }
    }
}
