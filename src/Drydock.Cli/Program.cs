using Drydock.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
// SIGTERM (how Kubernetes stops a pod) stops as Ctrl+C does: drydock serve finishes its requests and exits.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return await DrydockCli.RunAsync(args, CliContext.FromConsole(), cancellation.Token);
