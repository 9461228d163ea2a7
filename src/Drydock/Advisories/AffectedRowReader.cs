using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Drydock.Advisories;

/// <summary>Reads affected-package rows through SQLite's own statement API on one connection's handle: the matcher's hot path.
/// Each blob is read in place and copied once into an arena the entries share (Microsoft.Data.Sqlite's reader copies it into an
/// array of its own and checks its handle at every column); ranges and lists stay in their stored form until something
/// enumerates them; words that repeat (sources, ecosystems, names) are one string each. Statements are prepared once per SQL
/// text. Owns its connection. Not thread-safe: one caller at a time.</summary>
internal sealed class AffectedRowReader(SqliteConnection connection, Func<FormatException, Exception> damaged) : IDisposable
{
    /// <summary>The columns every query must select, in this order.</summary>
    public const string Columns = "name, advisory_id, source, status, note, ranges, versions, seq";

    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    /// <summary>The rows <paramref name="sql"/> (selecting <see cref="Columns"/>) finds with text <paramref name="parameters"/>,
    /// in source order (seq). A damaged row fails with the exception <c>damaged</c> makes of its <see cref="FormatException"/>.</summary>
    public List<AffectedPackage> Read(string sql, ReadOnlySpan<(string Name, string Value)> parameters)
    {
        var db = connection.Handle!;
        if (!_statements.TryGetValue(sql, out var statement))
        {
            Check(raw.sqlite3_prepare_v2(db, sql, out statement), db);
            _statements[sql] = statement;
        }

        try
        {
            foreach (var (name, value) in parameters)
            {
                Check(raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, name), value), db);
            }

            var rows = new List<AffectedPackage>();
            var order = new List<long>();
            var arena = new BlobArena();
            var words = new Utf8StringPool();
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows.Add(ReadRow(statement, arena, words));
                order.Add(raw.sqlite3_column_int64(statement, 7));
            }

            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, db);
            }

            // Sorting here rather than with ORDER BY keeps SQLite from copying every row, blobs and all, through a temporary
            // B-tree; seq is unique, so the order is the one ORDER BY seq gives.
            CollectionsMarshal.AsSpan(order).Sort(CollectionsMarshal.AsSpan(rows));
            return rows;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>Finalises the statements and closes the connection.</summary>
    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        connection.Dispose();
    }

    private AffectedPackage ReadRow(sqlite3_stmt statement, BlobArena arena, Utf8StringPool words)
    {
        try
        {
            var ranges = arena.Copy(raw.sqlite3_column_blob(statement, 5));
            var layout = AffectedRowCodec.Inspect(ranges.Span);
            var status = raw.sqlite3_column_int64(statement, 3);
            if (!Enum.IsDefined((AdvisoryStatus)status))
            {
                throw new FormatException($"unknown status {status}");
            }

            IReadOnlyList<string> versions = raw.sqlite3_column_type(statement, 6) == raw.SQLITE_NULL
                ? [] : new EncodedVersionList(arena.Copy(raw.sqlite3_column_blob(statement, 6)));
            return new AffectedPackage(
                Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 1)),
                words.Get(ranges.Span[layout.Ecosystem]),
                words.Get(raw.sqlite3_column_blob(statement, 0)),
                new EncodedRangeList(ranges, layout),
                versions,
                (AdvisoryStatus)status,
                EncodedVersionList.OfCheckedSection(ranges[layout.FixedAt..], layout.FixedCount))
            {
                Source = words.Get(raw.sqlite3_column_blob(statement, 2)),
                Note = raw.sqlite3_column_type(statement, 4) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 4)),
            };
        }
        catch (FormatException e)
        {
            throw damaged(e);
        }
    }

    private static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }
}
