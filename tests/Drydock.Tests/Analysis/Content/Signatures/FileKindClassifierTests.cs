using System.Text;
using Drydock.Analysis.Content.Signatures;

namespace Drydock.Tests.Analysis.Content.Signatures;

/// <summary>Magic bytes win over paths; documentation is told by directory, extension and name.</summary>
public sealed class FileKindClassifierTests
{
    [Theory]
    [InlineData("usr/share/doc/pkg/examples/run", "#!/bin/sh\n", FileKinds.Script)]
    [InlineData("usr/share/doc/pkg/README.md", "\u007fELF\u0002\u0001\u0001\0", FileKinds.Binary)]
    [InlineData("usr/share/doc/pkg/copyright", "Format: x", FileKinds.Document)]
    [InlineData("opt/app/README", "hello", FileKinds.Document)]
    [InlineData("opt/app/LICENSE-MIT", "hello", FileKinds.Document)]
    [InlineData("opt/app/notes.txt", "hello", FileKinds.Document)]
    [InlineData("opt/stak/pools.txt", "/*\n * pool_address", FileKinds.Config)]
    [InlineData("usr/share/doc/xmrig/config.txt", "{ }", FileKinds.Document)]
    [InlineData("usr/share/man/man1/ls.1", ".TH LS 1", FileKinds.Document)]
    [InlineData("opt/app/newsboat.py", "import os", FileKinds.Script)]
    [InlineData("opt/app/config.json", "{}", FileKinds.Config)]
    [InlineData("etc/crontab", "* * * * * root x", FileKinds.Config)]
    [InlineData("var/spool/cron/crontabs/root", "* * * * * x", FileKinds.Config)]
    [InlineData("opt/app/data.bin", "\u0001\u0002", FileKinds.Data)]
    [InlineData("opt/app/installer.bin", "\u0001\u0002", FileKinds.Data)]
    public void Classifies(string path, string head, FileKinds expected)
        => Assert.Equal(expected, FileKindClassifier.Classify(path, Encoding.Latin1.GetBytes(head)));
}
