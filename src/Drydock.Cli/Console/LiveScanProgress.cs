using Drydock.Scanning;
using Drydock.Sources;
using Spectre.Console;

namespace Drydock.Cli.Console;

/// <summary>A live progress display on a terminal: one bar per layer with bytes read and files seen.</summary>
public sealed class LiveScanProgress(IAnsiConsole console)
{
    /// <summary>Runs <paramref name="scan"/> while drawing its progress.</summary>
    public async Task<ScanResult> RunAsync(Func<IScanObserver, Task<ScanResult>> scan)
    {
        var observer = new Observer();
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = scan(observer);
                while (!task.IsCompleted)
                {
                    observer.Refresh(context);
                    await Task.WhenAny(task, Task.Delay(100)).ConfigureAwait(false);
                }

                observer.Refresh(context);
                return await task.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private sealed class Observer : IScanObserver
    {
        private readonly Lock _gate = new();
        private IReadOnlyList<LayerProgress> _layers = [];
        private readonly Dictionary<int, ProgressTask> _tasks = [];

        public void ImageOpened(IImage image, IReadOnlyList<LayerProgress> layers)
        {
            lock (_gate)
            {
                _layers = layers;
            }
        }

        public void LayerChanged(LayerProgress layer)
        {
        }

        public void Refresh(ProgressContext context)
        {
            IReadOnlyList<LayerProgress> layers;
            lock (_gate)
            {
                layers = _layers;
            }

            foreach (var layer in layers)
            {
                if (!_tasks.TryGetValue(layer.Layer.Index, out var task))
                {
                    var id = layer.Layer.DiffId?.ToString() ?? layer.Layer.Digest?.ToString() ?? "rootfs";
                    var shortId = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..19] : id;
                    task = context.AddTask($"layer {layer.Layer.Index + 1} {shortId}", autoStart: false, maxValue: Math.Max(1, layer.Layer.Size));
                    _tasks[layer.Layer.Index] = task;
                }

                var state = layer.State;
                if (state != LayerState.Waiting && !task.IsStarted)
                {
                    task.StartTask();
                }

                var files = $"{layer.Entries:N0} files";
                task.Description = state switch
                {
                    LayerState.Cached => $"layer {layer.Layer.Index + 1} cached, {files}",
                    LayerState.Failed => $"layer {layer.Layer.Index + 1} [red]failed[/]",
                    _ => $"layer {layer.Layer.Index + 1} {files}",
                };
                if (layer.Layer.Size > 0)
                {
                    task.Value = Math.Min(task.MaxValue, layer.BytesRead);
                }

                if (state is LayerState.Cached or LayerState.Done)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }
        }
    }
}
