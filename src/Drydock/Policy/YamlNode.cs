using YamlDotNet.Core;

namespace Drydock.Policy;

/// <summary>A node of a policy file as read by <see cref="PolicyYamlReader"/>, with where it starts (1-based line and column).</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>What the node is, for error messages.</summary>
    public abstract string Kind { get; }

    /// <summary>The position of a YamlDotNet mark.</summary>
    public static (int Line, int Column) At(Mark mark) => ((int)mark.Line, (int)mark.Column);
}

/// <summary>A scalar: its text, and whether it was quoted (quoted scalars are never booleans or numbers).</summary>
internal sealed record YamlScalar(string Value, bool Quoted, bool Null, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => Null ? "an empty value" : "a scalar";
}

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a list";
}

/// <summary>A mapping with scalar keys, in file order (duplicate keys are refused when reading).</summary>
internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping";
}
