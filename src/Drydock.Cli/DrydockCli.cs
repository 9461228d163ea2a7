using System.CommandLine;
using Drydock.Cli.Commands;

namespace Drydock.Cli;

/// <summary>The command tree and the one place where errors become exit codes and one-line messages.</summary>
public static class DrydockCli
{
    /// <summary>Runs the CLI with <paramref name="args"/> and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Drydock: container-image security scanner (inventory, vulnerabilities, malicious content, policy)")
        {
            ScanCommand.Create(context),
            ScanCommand.CreateSbom(context),
            CacheCommand.Create(context),
            DbCommand.Create(context),
            BaseCommand.Create(context),
            PolicyCommand.Create(context),
            PromoteCommand.Create(context),
            ServeCommand.Create(context),
            SandboxCommand.Create(context),
            CrawlCommand.Create(context),
            StatsCommand.Create(context),
        };
        var configuration = new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false };
        // No response files: '@FILE' is an argument of its own (crawl's file of image references).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await context.Error.WriteLineAsync($"drydock: {message} (see 'drydock --help')").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("drydock: interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ToUserError(e) is { } message)
        {
            await context.Error.WriteLineAsync($"drydock: {message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            await context.Error.WriteLineAsync($"drydock: internal error: {OneLine(e.Message)} ({e.GetType().Name}); set DRYDOCK_DEBUG=1 for details").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("DRYDOCK_DEBUG") == "1")
            {
                await context.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }
    }

    private static string? ToUserError(Exception e) => e switch
    {
        DrydockInputException => OneLine(e.Message),
        AggregateException { InnerExceptions.Count: > 0 } a => ToUserError(a.InnerExceptions[0]),
        FileNotFoundException or DirectoryNotFoundException => OneLine(e.Message),
        UnauthorizedAccessException => OneLine(e.Message),
        IOException when e.GetType() == typeof(IOException) => OneLine(e.Message),
        _ => null,
    };

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
