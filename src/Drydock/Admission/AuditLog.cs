using System.Text.Json;

namespace Drydock.Admission;

/// <summary>Writes every decision as one JSON line to a writer (a file opened for appending, or standard error), flushed per line.</summary>
public sealed class AuditLog(TextWriter output, bool ownsWriter) : IDisposable
{
    private readonly Lock _gate = new();

    /// <summary>Opens <paramref name="path"/> for appending (created when missing).</summary>
    public static AuditLog OpenFile(string path)
    {
        try
        {
            return new AuditLog(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)), ownsWriter: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"--audit-log {path}: {e.Message}", e);
        }
    }

    /// <summary>Appends <paramref name="record"/>.</summary>
    public void Write(AuditRecord record)
    {
        var line = JsonSerializer.Serialize(record, AdmissionJsonContext.Default.AuditRecord);
        lock (_gate)
        {
            output.Write(line + "\n");
            output.Flush();
        }
    }

    /// <summary>The audit record of <paramref name="decision"/> on <paramref name="request"/>.</summary>
    public static AuditRecord RecordOf(AdmissionRequest request, string? kind, string? name, AdmissionDecision decision, DateTimeOffset time, TimeSpan elapsed) => new()
    {
        Time = time,
        Uid = request.Uid,
        Namespace = request.Namespace,
        Kind = kind,
        Name = name,
        Operation = request.Operation,
        DryRun = request.DryRun,
        Decision = decision.Allowed ? "allowed" : "denied",
        Message = decision.Message,
        Images = [.. decision.Images.Select(i => new AuditImage(i.Image, i.Digest, i.Result.ToString().ToLowerInvariant(), i.Containers,
            [.. i.FailedRules.Select(r => $"{r.Rule}: {r.Reason}")], i.Reason, i.Cached))],
        DurationMs = Math.Round(elapsed.TotalMilliseconds, 3),
    };

    /// <summary>Closes the file (never standard error).</summary>
    public void Dispose()
    {
        if (ownsWriter)
        {
            output.Dispose();
        }
    }
}
