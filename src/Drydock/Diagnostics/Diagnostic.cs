namespace Drydock;

/// <summary>A warning recorded during analysis: something was skipped or looked wrong, and the scan went on.</summary>
/// <param name="Code">A stable identifier such as <c>path-traversal</c> or <c>file-too-large</c>.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Path">The image path concerned, when there is one.</param>
/// <param name="Layer">The diff-ID of the layer concerned, when there is one.</param>
public sealed record Diagnostic(string Code, string Message, string? Path = null, string? Layer = null);
