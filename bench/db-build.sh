#!/usr/bin/env bash
# Times `drydock db build` over all of ../shared/testdata/vuln-data (OSV JSON and YAML, Alpine secdb, Debian DSA/DLA
# lists, CISA KEV) and prints the wall time and peak RSS of each round, then the median, with the record counts of the
# last build (`db status`). The database goes to a scratch folder that is removed afterwards.
#
# Usage: bench/db-build.sh [--rounds N] [--data DIR] [--cli PATH]
#   --rounds N   rounds (default 3)
#   --data DIR   the source folder (default ../shared/testdata/vuln-data beside the repository)
#   --cli PATH   measure this drydock binary instead of ./drydock's (NativeAOT by default; DRYDOCK_BUILD=jit for JIT)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=3
data=$root/../shared/testdata/vuln-data
cli=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "db-build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "db-build.sh: --rounds needs a positive number" >&2; exit 2; }
[ -d "$data" ] || { echo "db-build.sh: no source folder $data (pass --data DIR)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "db-build.sh: /usr/bin/time is required" >&2; exit 2; }

if [ -z "$cli" ]; then
  "$root/drydock" --version >/dev/null # builds once, outside the measurement
  cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock
  [ -x "$cli" ] || cli=$root/.build/cli-jit/drydock
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-db-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

samples=()
for round in $(seq 1 "$rounds"); do
  rm -f "$work/advisories.db"
  start=$(date +%s%N)
  /usr/bin/time -o "$work/rss" -f '%M' "$cli" db build --source "$data" --output "$work/advisories.db" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "db-build.sh: build failed" >&2; exit 1; }
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  samples+=("$ms")
  printf 'round %d: %d ms, peak RSS %d MiB\n' "$round" "$ms" $(( $(tail -n 1 "$work/rss") / 1024 ))
done

median=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
printf 'db build of %s: median %d ms over %d rounds (%s)\n' "$data" "$median" "$rounds" "$cli"
"$cli" db status --advisory-db "$work/advisories.db"
