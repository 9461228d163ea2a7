namespace Drydock.Analysis.Packages.Rpm;

/// <summary>The rpm header tags and data types the reader uses (numbers from rpm's <c>rpmtag.h</c>).</summary>
internal static class RpmTag
{
    public const int SigMd5 = 261;
    public const int Sha1Header = 269;
    public const int Sha256Header = 273;
    public const int Name = 1000;
    public const int Version = 1001;
    public const int Release = 1002;
    public const int Epoch = 1003;
    public const int Summary = 1004;
    public const int Size = 1009;
    public const int Vendor = 1011;
    public const int License = 1014;
    public const int Arch = 1022;
    public const int OldFileNames = 1027;
    public const int FileDigests = 1035;
    public const int SourceRpm = 1044;
    public const int DirIndexes = 1116;
    public const int BaseNames = 1117;
    public const int DirNames = 1118;
    public const int LongSize = 5009;
    public const int FileDigestAlgo = 5011;
    public const int ModularityLabel = 5096;

    public const int TypeInt16 = 3;
    public const int TypeInt32 = 4;
    public const int TypeInt64 = 5;
    public const int TypeString = 6;
    public const int TypeBinary = 7;
    public const int TypeStringArray = 8;
    public const int TypeI18nString = 9;
}
