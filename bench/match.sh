#!/usr/bin/env bash
# Times vulnerability matching of a 1,000-package inventory against the advisory database built from
# ../shared/testdata/vuln-data: `drydock scan sbom:FILE` with the database against the same run without one
# (which only reads the SBOM and writes the report), in interleaved rounds; prints medians and the difference.
# By default every package sits below its fixes (the worst case: a finding per advisory); --current puts them past
# every fix, as in a maintained image (look-ups and range checks, few findings).
# --baseline CLI measures another drydock binary (e.g. main's, copied aside) in the same rounds, each binary with the
# database it built itself, and prints both; on a shared machine only such side-by-side figures compare.
# Usage: bench/match.sh [--rounds N] [--packages N] [--current] [--cli PATH] [--baseline PATH]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=7; packages=1000; mode=old; cli=; baseline=
while [ $# -gt 0 ]; do case "$1" in
  --rounds) rounds=$2; shift 2 ;; --packages) packages=$2; shift 2 ;; --current) mode=current; shift ;;
  --cli) cli=$2; shift 2 ;; --baseline) baseline=$2; shift 2 ;;
  *) echo "usage: $0 [--rounds N] [--packages N] [--current] [--cli PATH] [--baseline PATH]" >&2; exit 2 ;; esac; done
data=$root/../shared/testdata/vuln-data
[ -d "$data" ] || { echo "match.sh: $data is absent" >&2; exit 2; }
if [ -z "$cli" ]; then
  "$root/drydock" --version >/dev/null
  cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock
fi
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "match.sh: --baseline $baseline is not an executable" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$cli" db build --source "$data" --output "$work/advisories.db" >/dev/null
[ -z "$baseline" ] || "$baseline" db build --source "$data" --output "$work/baseline.db" >/dev/null
python3 "$root/bench/lib/make_inventory_sbom.py" "$data" "$packages" "$work/inventory.cdx.json" "${mode:-old}"
# Wall time in seconds to the microsecond (GNU time's %e has 10 ms steps, a fifth of the aim).
time_of() { local s e; s=$EPOCHREALTIME; "$@" >/dev/null 2>&1; e=$EPOCHREALTIME; awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'; }
with=(); without=(); bwith=(); bwithout=()
for i in $(seq "$rounds"); do
  with+=("$(time_of "$cli" scan "sbom:$work/inventory.cdx.json" --advisory-db "$work/advisories.db" --format json -o "$work/with.json")")
  without+=("$(XDG_CACHE_HOME=$work/empty time_of "$cli" scan "sbom:$work/inventory.cdx.json" --format json -o "$work/without.json")")
  if [ -n "$baseline" ]; then
    bwith+=("$(time_of "$baseline" scan "sbom:$work/inventory.cdx.json" --advisory-db "$work/baseline.db" --format json -o "$work/bwith.json")")
    bwithout+=("$(XDG_CACHE_HOME=$work/empty time_of "$baseline" scan "sbom:$work/inventory.cdx.json" --format json -o "$work/bwithout.json")")
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
findings() { python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['vulnerabilities']))" "$1"; }
report() { # label, with-samples..., --, without-samples...
  local label=$1; shift; local w=() o=(); while [ "$1" != -- ]; do w+=("$1"); shift; done; shift; o=("$@")
  local mw mo; mw=$(median "${w[@]}"); mo=$(median "${o[@]}")
  local d=() i; for i in "${!w[@]}"; do d+=("$(awk -v a="${w[$i]}" -v b="${o[$i]}" 'BEGIN { printf "%.4f", a - b }')"); done
  echo "$label scan sbom with the database:    ${mw} s (median)"
  echo "$label scan sbom without a database:   ${mo} s (median)"
  awk -v a="$mw" -v b="$mo" -v r="$(median "${d[@]}")" -v l="$label" \
    'BEGIN { printf "%s matching adds:                  %.0f ms (difference of medians; median of per-round differences %.0f ms; aim < 50 ms)\n", l, (a - b) * 1000, r * 1000 }'
}
echo "packages: $packages ($mode versions), findings: $(findings "$work/with.json"), rounds: $rounds"
report "" "${with[@]}" -- "${without[@]}"
if [ -n "$baseline" ]; then
  echo "baseline $baseline: findings $(findings "$work/bwith.json")"
  report "baseline" "${bwith[@]}" -- "${bwithout[@]}"
fi
