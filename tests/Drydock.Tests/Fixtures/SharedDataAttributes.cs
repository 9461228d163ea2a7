namespace Drydock.Tests.Fixtures;

/// <summary>A fact that needs ../shared/testdata; it reports itself skipped, with the reason, when that folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (RepoPaths.SharedTestData is null)
        {
            Skip = SharedData.AbsentMessage;
        }
    }
}

/// <summary>A theory that needs ../shared/testdata; skipped with the reason when that folder is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (RepoPaths.SharedTestData is null)
        {
            Skip = SharedData.AbsentMessage;
        }
    }
}

/// <summary>Paths into the shared public test data.</summary>
public static class SharedData
{
    public const string AbsentMessage = "../shared/testdata is absent (public test data kept beside the project, never in it)";

    /// <summary>A path under ../shared/testdata (the caller's test is skipped when the folder is absent).</summary>
    public static string Path(params string[] parts)
        => System.IO.Path.Combine([RepoPaths.SharedTestData ?? throw new InvalidOperationException(AbsentMessage), .. parts]);
}
