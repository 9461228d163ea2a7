namespace Drydock.References;

/// <summary>An image reference that cannot be parsed; the message is one line meant for the user.</summary>
public sealed class ReferenceParseException(string message) : DrydockInputException(message);
