using Drydock;
using Drydock.Cluster.Hosting;

// drydock-worker: one member of the Orleans cluster that drains the crawl frontier (see docs/scale.md). JIT only; the AOT CLI's
// `drydock worker` execs this binary.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await WorkerCommand.RunAsync(args, cancellation.Token).ConfigureAwait(false);
}
catch (DrydockInputException e)
{
    await Console.Error.WriteLineAsync($"drydock worker: {e.Message}").ConfigureAwait(false);
    return 2;
}
