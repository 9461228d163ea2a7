namespace Drydock;

/// <summary>Bad input from the user or from an image (exit code 2); the message is one line meant for the user.</summary>
public class DrydockInputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public DrydockInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public DrydockInputException(string message, Exception inner) : base(message, inner) { }
}
