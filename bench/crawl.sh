#!/usr/bin/env bash
# Crawl benchmark: `drydock crawl` of the crawl tests' ~200-image population (a few bases, 60 applications in three
# versions, planted miners, hacking tools and compromised npm packages) in a real docker-registry on loopback.
# Each round crawls twice into a fresh database: cold (an empty layer cache) and warm (the cache the cold crawl filled),
# so both share the round's noise. Prints the median images/minute, wall time and peak RSS (/usr/bin/time -v) of each,
# the layers analysed vs reused, the manifest requests and the warm/cold ratio.
#
# Usage: bench/crawl.sh [--rounds N] [--parallel N] [--cli PATH]
#   --rounds N    rounds (default 5)
#   --parallel N  images scanned at once (default 4)
#   --cli PATH    measure this drydock binary instead of ./drydock's build
# Output: a table on stdout and the raw samples as JSON in bench/results/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=5
parallel=4
cli=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "crawl.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "crawl.sh: --rounds needs a positive number" >&2; exit 2; }
[[ $parallel =~ ^[1-9][0-9]*$ ]] || { echo "crawl.sh: --parallel needs a positive number" >&2; exit 2; }
for tool in jq docker-registry /usr/bin/time curl; do
  command -v "$tool" >/dev/null || { echo "crawl.sh: '$tool' is required" >&2; exit 2; }
done
log() { printf '[bench] %s\n' "$*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-crawl-bench.XXXXXX")
registry_pid=
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -z "$cli" ]; then
  log "building the CLI (Release)"
  "$root/drydock" --version >/dev/null
  cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock
fi
[ -x "$cli" ] || { echo "crawl.sh: $cli is not an executable" >&2; exit 2; }
version=$("$cli" --version)

# ---------------------------------------------------------------- the registry and its population
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/data"
cat >"$work/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
log "building the population pusher"
dotnet build "$root/bench/Drydock.Bench/Drydock.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
log "pushing the population to 127.0.0.1:$port"
population=$(dotnet "$root/bench/Drydock.Bench/bin/Release/net10.0/Drydock.Bench.dll" crawl-populate "127.0.0.1:$port" "$work/data" "$work")
log "$population"

# ---------------------------------------------------------------- rounds
# One crawl: prints "seconds rss_kib images analysed reused requests images_per_minute".
crawl() { # $1 = database, $2 = cache directory
  /usr/bin/time -v -o "$work/time.txt" "$cli" crawl "registry:127.0.0.1:$port" --db "$1" --cache-dir "$2" \
    --advisory-db "$work/advisories.db" --parallel "$parallel" -q >"$work/summary.txt"
  local seconds rss images analysed reused requests
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  images=$(sed -n 's/^This run: \([0-9]*\) images scanned.*/\1/p' "$work/summary.txt")
  analysed=$(sed -n 's/^Layers this run: \([0-9]*\) analysed, \([0-9]*\) reused.*/\1/p' "$work/summary.txt")
  reused=$(sed -n 's/^Layers this run: \([0-9]*\) analysed, \([0-9]*\) reused.*/\2/p' "$work/summary.txt")
  requests=$(sed -n 's/^Manifest requests: \([0-9]*\).*/\1/p' "$work/summary.txt")
  echo "$seconds $rss $images $analysed $reused $requests $(awk -v i="$images" -v s="$seconds" 'BEGIN { printf "%.1f", i * 60 / s }')"
}

samples=()
for round in $(seq "$rounds"); do
  cache=$work/cache-$round
  cold=$(crawl "$work/cold-$round.db" "$cache")
  warm=$(crawl "$work/warm-$round.db" "$cache")
  log "round $round: cold [$cold] warm [$warm]"
  samples+=("{\"round\":$round,\"cold\":\"$cold\",\"warm\":\"$warm\"}")
  rm -rf "$cache" "$work"/cold-"$round".db* "$work"/warm-"$round".db*
done

# ---------------------------------------------------------------- report
json=$(printf '%s\n' "${samples[@]}" | jq -s '.')
median() { # $1 = case, $2 = field (1-based)
  jq -r --arg c "$1" --argjson f "$2" '[.[] | .[$c] | split(" ") | .[$f - 1] | tonumber] | sort | .[(length - 1) / 2 | floor]' <<<"$json"
}
printf '\ndrydock %s, %s rounds, --parallel %s, %s\n' "$version" "$rounds" "$parallel" "$population"
printf '%-6s %10s %12s %10s %8s %9s %8s %9s\n' case images/min wall_s peak_MiB images analysed reused requests
for c in cold warm; do
  printf '%-6s %10s %12s %10s %8s %9s %8s %9s\n' "$c" "$(median $c 7)" "$(median $c 1)" "$(( $(median $c 2) / 1024 ))" \
    "$(median $c 3)" "$(median $c 4)" "$(median $c 5)" "$(median $c 6)"
done
ratio=$(jq -r '[.[] | ((.warm | split(" ") | .[0] | tonumber) / (.cold | split(" ") | .[0] | tonumber))] | sort | .[(length - 1) / 2 | floor] | . * 100 | round / 100' <<<"$json")
printf 'warm/cold wall time (median of per-round ratios): %s\n' "$ratio"
mkdir -p "$root/bench/results"
out=$root/bench/results/crawl-$(date -u +%Y%m%dT%H%M%SZ).json
jq --arg v "$version" --argjson p "$parallel" '{version: $v, parallel: $p, samples: .}' <<<"$json" >"$out"
log "raw samples: $out"
