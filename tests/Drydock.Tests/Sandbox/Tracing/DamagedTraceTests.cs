using Drydock.Sandbox.Tracing;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>A real trace cut anywhere or with bytes overwritten still parses: no exception, a bounded loss.</summary>
public sealed class DamagedTraceTests
{
    private const string Script = """
        mkdir d; cd d; echo x > f; chmod 700 f; mv f g; rm g; cd ..; rmdir d
        sleep 0.01 & wait
        busybox true "a b" 'q"uote' "$(printf '\001\377')"
        """;

    [StraceFact]
    public async Task A_trace_cut_at_any_point_or_overwritten_at_random_never_throws()
    {
        var dir = RepoPaths.Scratch("trace-damaged");
        var (trace, whole) = await BusyboxTrace.RunAsync(Script, dir);
        var random = new Random(7);
        const string Noise = "\"\\()[]{}<>,=/* .-0123456789abcdef\n\u00ff\0";

        for (var round = 0; round < 300; round++)
        {
            var chars = trace[..random.Next(trace.Length + 1)].ToCharArray();
            if (round % 2 == 1)
            {
                for (var n = 0; n < 20 && chars.Length > 0; n++)
                {
                    chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
                }
            }

            var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(new string(chars)), new TraceOrigin(dir));

            Assert.True(summary.Processes.Count <= whole.Processes.Count + 30);
            if (round % 2 == 0)
            {
                Assert.InRange(summary.UnparsedLines, 0, 1);
            }
        }
    }
}
