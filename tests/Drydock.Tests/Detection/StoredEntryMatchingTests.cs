using Drydock.Advisories;
using Drydock.Detection.Vulnerabilities;
using Drydock.Tests.Advisories;
using Drydock.Tests.Fixtures;
using Drydock.Versions;
using Microsoft.Data.Sqlite;

namespace Drydock.Tests.Detection;

/// <summary>Every affected entry built from ../shared/testdata/vuln-data, as the store reads it (ranges and lists kept in their
/// stored form, tested on the bytes), judges every version it names, and a version past each, as the same entry decoded into
/// plain records does.</summary>
public sealed class StoredEntryMatchingTests(VulnDataDatabase database) : IClassFixture<VulnDataDatabase>
{
    [SharedDataFact]
    public void Stored_entries_answer_as_their_decoded_records()
    {
        var names = new List<(string Ecosystem, string Name)>();
        using (var connection = new SqliteConnection($"Data Source={database.Store.Path};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT ecosystem, name FROM affected ORDER BY ecosystem, name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var (entries, checks, affected) = (0, 0, 0);
        foreach (var ecosystem in names.GroupBy(n => n.Ecosystem))
        {
            if (SchemeOf(ecosystem.Key) is not { } scheme)
            {
                continue;
            }

            var plain = VersionSchemes.For(scheme);
            var cached = new CachingVersionComparer(plain);
            foreach (var (_, rows) in database.Store.FindAffected(ecosystem.Key, ecosystem.Select(n => n.Name)))
            {
                foreach (var stored in rows)
                {
                    entries++;
                    Assert.IsNotType<AffectedRange[]>(stored.Ranges);
                    var decoded = stored with { Ranges = [.. stored.Ranges], Versions = [.. stored.Versions], FixedVersions = [.. stored.FixedVersions] };
                    var probes = stored.Ranges.SelectMany(r => r.Events).Select(e => e.Version)
                        .Concat(stored.Versions.Take(5)).Concat(stored.FixedVersions).SelectMany(v => new[] { v, v + ".1" })
                        .Append("0").Append("99999").Distinct(StringComparer.Ordinal);
                    foreach (var probe in probes)
                    {
                        if (!plain.TryParse(OsvRangeEvaluator.Normalise(probe, scheme), out var installed))
                        {
                            continue;
                        }

                        checks++;
                        var expected = AffectedVersions.Contains(decoded, probe, installed, plain);
                        affected += expected ? 1 : 0;
                        Assert.True(expected == AffectedVersions.Contains(stored, probe, installed, cached),
                            $"{stored.AdvisoryId} {stored.Ecosystem}/{stored.Name} at {probe}: expected {expected}");
                    }
                }
            }
        }

        // Most of the 32,656 entries are in an ecosystem with a version scheme; both answers occur often.
        Assert.True(entries > 25_000, $"{entries} entries");
        Assert.True(affected > 10_000 && checks - affected > 10_000, $"{affected} affected of {checks}");
    }

    private static VersionScheme? SchemeOf(string ecosystem) => ecosystem.Split(':')[0] switch
    {
        "pypi" => VersionScheme.Pep440,
        "go" => VersionScheme.Go,
        "crates.io" => VersionScheme.Cargo,
        "npm" => VersionScheme.Npm,
        "debian" => VersionScheme.Dpkg,
        "alpine" => VersionScheme.Apk,
        _ => null,
    };
}
