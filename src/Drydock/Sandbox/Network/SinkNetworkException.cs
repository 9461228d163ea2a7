namespace Drydock.Sandbox.Network;

/// <summary>The sink network could not be set up (not root, <c>ip</c> or <c>iptables</c> missing, a command failed); one line for the user.</summary>
public sealed class SinkNetworkException : DrydockInputException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public SinkNetworkException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public SinkNetworkException(string message, Exception inner) : base(message, inner) { }
}
