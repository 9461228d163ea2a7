namespace Drydock.Sandbox;

/// <summary>The sandbox could not be set up or run (missing runtime, not root, a failed mount); one line for the user.</summary>
public sealed class SandboxException : DrydockInputException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public SandboxException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public SandboxException(string message, Exception inner) : base(message, inner) { }
}
