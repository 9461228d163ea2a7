using Drydock.Analysis.UserRules.Yara;

namespace Drydock.Tests.Fixtures;

/// <summary>A fact that needs libyara (Debian libyara9, see scripts/install-deps.sh); skipped with the reason when absent.</summary>
public sealed class LibyaraFactAttribute : FactAttribute
{
    public LibyaraFactAttribute()
    {
        if (YaraNative.FindLibrary() is null)
        {
            Skip = $"libyara is absent (none of {string.Join(", ", YaraNative.SoNames)} loads; apt-get install libyara9)";
        }
    }
}

/// <summary>A fact that needs the ClamAV daemon binary (Debian clamav-daemon); skipped with the reason when absent.</summary>
public sealed class ClamdFactAttribute : FactAttribute
{
    public ClamdFactAttribute()
    {
        if (ClamdDaemon.Binary is null)
        {
            Skip = $"clamd is absent (not at {string.Join(" or ", ClamdDaemon.Candidates)}; apt-get install clamav-daemon)";
        }
    }
}
