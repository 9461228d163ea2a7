using System.Runtime.InteropServices;

namespace Drydock.Sandbox.Network;

/// <summary>Runs code inside another network namespace without a helper process: a dedicated thread joins the namespace
/// (<c>setns</c>), runs the code, joins its own namespace again and ends. Sockets keep the namespace they were created in.</summary>
internal static class NamespaceThread
{
    /// <summary>Runs <paramref name="create"/> in the network namespace at <paramref name="namespacePath"/> and returns its result.</summary>
    public static T Run<T>(string namespacePath, Func<T> create)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunOnThisThread(namespacePath, create);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "drydock-netns",
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure is SinkNetworkException ? failure : new SinkNetworkException($"cannot create the sink's sockets: {failure.Message}", failure);
        }

        return result!;
    }

    private static T RunOnThisThread<T>(string namespacePath, Func<T> create)
    {
        var home = LinuxNative.OpenReadOnly("/proc/thread-self/ns/net");
        if (home < 0)
        {
            throw Error("cannot open this thread's network namespace");
        }

        try
        {
            var target = LinuxNative.OpenReadOnly(namespacePath);
            if (target < 0)
            {
                throw Error($"cannot open network namespace {namespacePath}");
            }

            try
            {
                if (LinuxNative.SetNs(target, LinuxNative.CloneNewNet) != 0)
                {
                    throw Error($"cannot join network namespace {namespacePath}");
                }
            }
            finally
            {
                LinuxNative.Close(target);
            }

            try
            {
                return create();
            }
            finally
            {
                // Should the way back fail, the thread still ends here: nothing else ever runs on it.
                LinuxNative.SetNs(home, LinuxNative.CloneNewNet);
            }
        }
        finally
        {
            LinuxNative.Close(home);
        }
    }

    private static SinkNetworkException Error(string what)
        => new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
