#!/usr/bin/env python3
"""Fills a project database (already migrated) with N crawl rows that all hold one stored report, as a crawl of N
images of that kind would: distinct fake digests, one tag each. Usage: make_rescan_store.py DB REPORT.json N"""
import gzip, sqlite3, sys

db, report_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
# The report exactly as the crawl stores it: the JSON writer's bytes, without the trailing newline a file gets.
report = open(report_path, "rb").read().rstrip(b"\n")
blob = gzip.compress(report)
con = sqlite3.connect(db)
for i in range(count):
    digest = "sha256:%064x" % (i + 1)
    con.execute("INSERT INTO crawl_images (manifest_digest, reference, platform, os, critical, high, fixable_critical, verdict, categories, "
                "critical_packages, high_packages, layers_analysed, layers_reused, report_gzip, scanned_at) "
                "VALUES (?, ?, 'linux/amd64', NULL, 0, 0, 0, 'clean', '', '', '', 1, 0, ?, '2026-12-07T00:00:00Z')",
                (digest, "bench.invalid/app@" + digest, blob))
    con.execute("INSERT INTO crawl_tags (repository, tag, digest, resolved_at) VALUES ('bench.invalid/app', ?, ?, '2026-12-07T00:00:00Z')",
                ("v%d" % i, digest))
con.commit()
