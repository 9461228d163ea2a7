using Microsoft.Data.Sqlite;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>Reads the header blobs of rpm's SQLite backend (<c>rpmdb.sqlite</c>, table <c>Packages(hnum, blob)</c>)
/// from a private copy of the file, opened read-only and immutable so that a missing <c>-wal</c>/<c>-shm</c> beside
/// it is no obstacle and nothing is ever written.</summary>
internal static class SqliteRpmReader
{
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>True when <paramref name="head"/> starts with the SQLite file magic.</summary>
    public static bool Looks(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    /// <summary>Copies <paramref name="content"/> into <paramref name="scratchDirectory"/> and returns the blobs in
    /// hnum order; problems go to <paramref name="problems"/>.</summary>
    public static List<byte[]> ReadBlobs(ReadOnlySpan<byte> content, string scratchDirectory, List<string> problems)
    {
        var blobs = new List<byte[]>();
        var path = Path.Combine(scratchDirectory, "rpmdb-" + Path.GetRandomFileName() + ".sqlite");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content);
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = new Uri(path).AbsoluteUri + "?immutable=1",
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hnum, blob FROM Packages ORDER BY hnum";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(1))
                {
                    problems.Add($"package {reader.GetInt64(0)} has no header blob");
                    continue;
                }

                var length = reader.GetBytes(1, 0, null, 0, 0);
                if (length > content.Length)
                {
                    problems.Add($"package {reader.GetInt64(0)} claims a {length}-byte blob, larger than the database");
                    continue;
                }

                var blob = new byte[length];
                reader.GetBytes(1, 0, blob, 0, blob.Length);
                blobs.Add(blob);
            }
        }
        catch (SqliteException e)
        {
            problems.Add("SQLite: " + OneLine(e.Message));
        }
        finally
        {
            File.Delete(path);
        }

        return blobs;
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > 200 ? line[..200] : line;
    }
}
