using Drydock.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await DrydockCli.RunAsync(args, CliContext.FromConsole(), cancellation.Token);
