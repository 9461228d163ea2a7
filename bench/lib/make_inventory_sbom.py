#!/usr/bin/env python3
"""Writes a CycloneDX SBOM of N packages named in the advisory data (../shared/testdata/vuln-data), at old versions,
so that matching has real work to do: a quarter each PyPI, npm, Go modules and Debian 11 source packages."""
import json, os, re, sys

data, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# "old" puts every package below its fixes (a finding per advisory); "current" past them (index look-ups, few findings)
mode = sys.argv[4] if len(sys.argv) > 4 else "old"
old = mode == "old"
quarter = n // 4
pypi = sorted(os.listdir(os.path.join(data, "pypa-advisory-database", "vulns")))[:quarter]
npm = set()
for root, _, files in os.walk(os.path.join(data, "ghsa-npm-sample")):
    for f in files:
        if f.endswith(".json"):
            for a in json.load(open(os.path.join(root, f))).get("affected", []):
                if a.get("package", {}).get("ecosystem") == "npm":
                    npm.add(a["package"]["name"])
npm = sorted(npm)
go = []
for f in sorted(os.listdir(os.path.join(data, "go-vulndb", "data", "osv")))[: quarter * 3]:
    if f.endswith(".json"):
        for a in json.load(open(os.path.join(data, "go-vulndb", "data", "osv", f))).get("affected", []):
            name = a.get("package", {}).get("name")
            if name and name not in go:
                go.append(name)
go = go[:quarter]
deb = []
for line in open(os.path.join(data, "debian-security-tracker", "data", "DSA", "list"), encoding="utf-8", errors="replace"):
    m = re.match(r"\s+\[bullseye\] - (\S+) ", line)
    if m and m.group(1) not in deb:
        deb.append(m.group(1))
deb = deb[:quarter]
components = []
components += [{"type": "library", "name": p, "purl": f"pkg:pypi/{p}@{'0.1' if old else '9999.0'}"} for p in pypi]
npm_cycle = (npm * (quarter // max(1, len(npm)) + 1))[:quarter]
components += [{"type": "library", "name": p, "purl": f"pkg:npm/{p.replace('@', '%40')}@{'0.0.' + str(i) if old else '9999.0.' + str(i)}"} for i, p in enumerate(npm_cycle)]
components += [{"type": "library", "name": p, "purl": f"pkg:golang/{p}@{'v0.0.1' if old else 'v9999.0.0'}"} for p in go]
components += [{"type": "library", "name": p, "purl": f"pkg:deb/debian/{p}@{'0.1-1' if old else '9999:1.0-1'}?arch=amd64&distro=debian-11"} for p in deb]
while len(components) < n:
    components.append({"type": "library", "name": f"filler{len(components)}", "purl": f"pkg:npm/filler{len(components)}@1.0.0"})
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components[:n]}, open(out, "w"))
print(f"{len(components[:n])} packages: {len(pypi)} pypi, {len(npm_cycle)} npm, {len(go)} go, {len(deb)} deb", file=sys.stderr)
