using System.Text.Json;

namespace Drydock.Sandbox.Runtime;

/// <summary>The lock on a run's record: the owner holds it for the whole run (an exclusive <c>flock</c>, which the kernel
/// drops when the owner dies, however it dies), and a sweep holds it while it removes a dead run, so that two sweeps
/// never remove the same run and a live run is never touched.</summary>
internal sealed class SandboxRunClaim : IDisposable
{
    private readonly FileStream _file;

    private SandboxRunClaim(FileStream file, SandboxRunRecord record)
    {
        _file = file;
        Record = record;
    }

    /// <summary>The run's record.</summary>
    public SandboxRunRecord Record { get; }

    /// <summary>Writes <paramref name="record"/> into <paramref name="work"/> and keeps it locked until disposed.</summary>
    public static SandboxRunClaim Take(string work, SandboxRunRecord record)
    {
        var path = Path.Join(work, SandboxRunRecord.FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A sweep looked at the new, empty file between its creation and the lock: it lets go at once.
            Thread.Sleep(50);
            file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }

        try
        {
            JsonSerializer.Serialize(file, record, SandboxRunRecordJsonContext.Default.SandboxRunRecord);
            file.Flush(flushToDisk: true);
            return new SandboxRunClaim(file, record);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Locks the record in <paramref name="work"/> when nobody holds it and it reads back whole; else null
    /// (no record: not a run of ours, or one still being set up; locked: its owner or another sweep has it).</summary>
    public static SandboxRunClaim? TryTake(string work)
    {
        FileStream file;
        try
        {
            file = new FileStream(Path.Join(work, SandboxRunRecord.FileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize(file, SandboxRunRecordJsonContext.Default.SandboxRunRecord);
            if (record is not null && record.RunId == Path.GetFileName(work))
            {
                return new SandboxRunClaim(file, record);
            }
        }
        catch (JsonException)
        {
        }

        file.Dispose();
        return null;
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
