namespace Drydock;

/// <summary>Input that breaks a safety limit or is malformed on purpose or by accident (a bomb, a traversal, a wrong digest).</summary>
public sealed class HostileInputException : DrydockInputException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public HostileInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public HostileInputException(string message, Exception inner) : base(message, inner) { }
}
