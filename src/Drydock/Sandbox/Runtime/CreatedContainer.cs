namespace Drydock.Sandbox.Runtime;

/// <summary>A container the runtime created: its id, its init's host pid and the capture of its output.</summary>
public sealed class CreatedContainer : IDisposable
{
    private readonly System.Diagnostics.Process _runtime;
    private readonly StreamCapture _stdout;
    private readonly StreamCapture _stderr;
    private readonly Task _reading;

    internal CreatedContainer(string id, int initPid, System.Diagnostics.Process runtime, StreamCapture stdout, StreamCapture stderr, Task reading)
    {
        _runtime = runtime;
        Id = id;
        InitPid = initPid;
        _stdout = stdout;
        _stderr = stderr;
        _reading = reading;
    }

    /// <summary>The container id.</summary>
    public string Id { get; }

    /// <summary>The init process as the host sees it.</summary>
    public int InitPid { get; }

    /// <summary>True while the init process lives (a zombie counts as gone).</summary>
    public bool InitRunning
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{InitPid}/stat");
                var close = stat.LastIndexOf(')');
                return close > 0 && close + 2 < stat.Length && stat[close + 2] is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>The output captured, once the streams closed or <paramref name="wait"/> passed.</summary>
    public async Task<CapturedOutput> OutputAsync(TimeSpan wait)
    {
        await Task.WhenAny(_reading, Task.Delay(wait)).ConfigureAwait(false);
        return new CapturedOutput(_stdout.Text(), _stderr.Text(), _stdout.Total + _stderr.Total);
    }

    /// <summary>Releases the runtime's process handle (the container's pipes close with their last writer).</summary>
    public void Dispose() => _runtime.Dispose();
}
