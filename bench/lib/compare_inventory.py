"""Compares the package inventories of Drydock and Trivy for one image.

Usage: compare_inventory.py IMAGE DRYDOCK.json TRIVY.json [SUMMARY.tsv]

Both reports are reduced to (ecosystem, name, version) keys written the same way, then compared as multisets
(the same package at the same version in two places counts twice). Prints counts, the agreement and every
difference; appends one summary line to SUMMARY.tsv when given.
"""

import collections
import json
import re
import sys
from urllib.parse import parse_qs, unquote

# Trivy's result types, by ecosystem as Drydock names it (its package "type", the purl type).
TRIVY_OS = {"debian": "deb", "ubuntu": "deb", "alpine": "apk", "wolfi": "apk", "chainguard": "apk"}
TRIVY_LANG = {
    "node-pkg": "npm", "npm": "npm", "yarn": "npm", "pnpm": "npm", "bun": "npm",
    "python-pkg": "pypi", "pip": "pypi", "pipenv": "pypi", "poetry": "pypi", "uv": "pypi", "conda-pkg": "pypi",
    "jar": "maven", "pom": "maven", "gradle": "maven", "sbt": "maven",
    "gobinary": "golang", "gomod": "golang",
    "dotnet-core": "nuget", "nuget": "nuget", "packages-props": "nuget", "dotnet-deps": "nuget",
    "gemspec": "gem", "bundler": "gem",
    "composer": "composer", "composer-vendor": "composer",
    "cargo": "cargo", "rust-binary": "cargo",
}


def pep503(name):
    """Python project names compare case-insensitively with runs of -, _ and . as one '-' (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def key_name(ecosystem, name):
    return pep503(name) if ecosystem == "pypi" else name


def trivy_packages(report):
    for result in report.get("Results") or []:
        packages = result.get("Packages") or []
        rtype = result.get("Type", "")
        if result.get("Class") == "os-pkgs":
            ecosystem = TRIVY_OS.get(rtype, "rpm")
        else:
            ecosystem = TRIVY_LANG.get(rtype, rtype)
        for p in packages:
            # OS packages: Trivy splits epoch, version and release; put them back as [epoch:]version[-release].
            version = p.get("Version", "")
            if p.get("Release"):
                version += "-" + p["Release"]
            if p.get("Epoch"):
                version = "%s:%s" % (p["Epoch"], version)
            yield ecosystem, p.get("Name", ""), version, p.get("FilePath") or result.get("Target", "")


def drydock_packages(report):
    for p in report.get("packages") or []:
        ecosystem, name, version = p["type"], p["name"], p.get("version") or ""
        namespace = p.get("namespace")
        if namespace:
            # Trivy writes npm scopes as "@scope/name" and Maven coordinates as "group:artifact".
            name = "%s:%s" % (namespace, name) if ecosystem == "maven" else "%s/%s" % (namespace, name)
        if ecosystem == "rpm" and ":" not in version:
            # Drydock keeps an rpm epoch in the purl's epoch qualifier, not in the version.
            query = unquote(p.get("purl", "").partition("?")[2])
            epoch = parse_qs(query).get("epoch", [""])[0]
            if epoch and epoch != "0":
                version = "%s:%s" % (epoch, version)
        yield ecosystem, name, version, p.get("path", "")


def main():
    image, drydock_path, trivy_path = sys.argv[1:4]
    summary_path = sys.argv[4] if len(sys.argv) > 4 else None
    with open(drydock_path) as f:
        drydock_raw = json.load(f).get("packages") or []
    drydock = list(drydock_packages({"packages": drydock_raw}))
    with open(trivy_path) as f:
        trivy = list(trivy_packages(json.load(f)))

    def multiset(packages):
        return collections.Counter((e, key_name(e, n), v) for e, n, v, _ in packages)

    def where(packages):
        seen = collections.defaultdict(list)
        for e, n, v, path in packages:
            seen[(e, key_name(e, n), v)].append("%s@%s %s" % (n, v, path.lstrip("/")))
        return seen

    d, t = multiset(drydock), multiset(trivy)
    d_where, t_where = where(drydock), where(trivy)
    both = d & t
    only_t, only_d = t - d, d - t
    matched = sum(both.values())
    union = sum((d | t).values())
    agreement = 100.0 * matched / union if union else 100.0

    # A name present on both sides with different versions is a version mismatch, not two one-sided entries.
    mismatches = []
    names_t = collections.defaultdict(list)
    for (e, n, v), c in only_t.items():
        names_t[(e, n)].extend([v] * c)
    names_d = collections.defaultdict(list)
    for (e, n, v), c in only_d.items():
        names_d[(e, n)].extend([v] * c)
    for en in sorted(set(names_t) & set(names_d)):
        mismatches.append((en, sorted(names_t.pop(en)), sorted(names_d.pop(en))))

    print("== %s: Trivy %d, Drydock %d, in both %d; agreement %.2f%% (in both / in either)"
          % (image, sum(t.values()), sum(d.values()), matched, agreement))
    by_eco = collections.defaultdict(lambda: [0, 0, 0])
    for (e, _, _), c in t.items():
        by_eco[e][0] += c
    for (e, _, _), c in d.items():
        by_eco[e][1] += c
    for (e, _, _), c in both.items():
        by_eco[e][2] += c
    for e in sorted(by_eco):
        tc, dc, bc = by_eco[e]
        print("   %-9s Trivy %5d  Drydock %5d  both %5d" % (e, tc, dc, bc))

    def listing(title, names, where_map):
        rows = [(en, v) for en in sorted(names) for v in names[en]]
        print("   %s: %d" % (title, len(rows)))
        for (e, n), v in rows:
            print("     %-8s %s" % (e, "; ".join(sorted(set(where_map[(e, n, v)])))))

    listing("only in Trivy", names_t, t_where)
    listing("only in Drydock", names_d, d_where)
    print("   version mismatches: %d" % len(mismatches))
    for (e, n), tv, dv in mismatches:
        print("     %-8s %s: Trivy %s, Drydock %s" % (e, n, ", ".join(tv), ", ".join(dv)))

    # Agreements that needed the normalisation above, so that none of it goes unseen.
    raw_t = collections.defaultdict(set)
    for e, n, v, _ in trivy:
        raw_t[(e, key_name(e, n), v)].add(n)
    renamed = sorted({"%s (Trivy) = %s (Drydock)" % ("/".join(sorted(raw_t[(e, key_name(e, n), v)])), n)
                      for e, n, v, _ in drydock
                      if (e, key_name(e, n), v) in both and n not in raw_t[(e, key_name(e, n), v)]})
    if renamed:
        print("   matched only after PEP 503 name normalisation: %d: %s" % (len(renamed), ", ".join(renamed)))
    epochs = sum(1 for p in drydock_raw if p["type"] == "rpm" and ":" not in (p.get("version") or "")
                 and "epoch=" in p.get("purl", "") and "epoch=0" not in p.get("purl", ""))
    if epochs:
        print("   rpm versions matched only after taking Drydock's epoch from its purl: %d" % epochs)
    print()

    if summary_path:
        with open(summary_path, "a") as f:
            f.write("%s\t%d\t%d\t%d\t%.2f\t%d\t%d\t%d\n" % (
                image, sum(t.values()), sum(d.values()), matched, agreement,
                sum(len(v) for v in names_t.values()), sum(len(v) for v in names_d.values()), len(mismatches)))


if __name__ == "__main__":
    main()
