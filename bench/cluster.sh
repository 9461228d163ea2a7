#!/usr/bin/env bash
# Worker-cluster benchmark on the crawl tests' ~200-image population (the one bench/crawl.sh uses): images per minute of
# `drydock crawl` on one process and of 1 and N `drydock worker` processes draining the same frontier, with each worker's
# peak RSS. A real PostgreSQL (initdb in a temp folder) and docker-registry on loopback; every run gets a fresh database (a
# cold shared layer store; the one-process crawl a cold layer cache). A cluster run starts its workers, waits until they are
# all cluster members, fills the frontier with `drydock crawl --discover-only` and times from there until the frontier is
# drained (worker start-up excluded; discovery included, as it is in the one-process crawl's time). Each worker's peak RSS
# is VmHWM from /proc/PID/status, read just before it is stopped. The cases alternate in each round, so all see the same
# machine noise; the medians and the ratios are printed.
#
# Usage: bench/cluster.sh [--rounds N] [--workers N] [--parallel N] [--baseline WORKER]
#   --rounds N         rounds (default 3)
#   --workers N        the cluster size compared with one worker (default 3)
#   --parallel N       images each worker (and the one-process crawl) scans at once (default: each program's own default)
#   --baseline WORKER  also run 1 worker of this other drydock-worker build in each round (before/after side by side)
# Env: DRYDOCK_CLI (default ./drydock), DRYDOCK_WORKER (default ./drydock-worker).
# Needs: postgresql, docker-registry, jq, bc (scripts/install-deps.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=3
size=3
parallel=
baseline=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --workers) size=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bench/cluster.sh [--rounds N] [--workers N] [--parallel N] [--baseline WORKER]" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ && $size =~ ^[1-9][0-9]*$ ]] || { echo "cluster.sh: --rounds and --workers need positive numbers" >&2; exit 2; }
[[ -z $parallel || $parallel =~ ^[1-9][0-9]*$ ]] || { echo "cluster.sh: --parallel needs a positive number" >&2; exit 2; }
[[ -z $baseline || -x $baseline ]] || { echo "cluster.sh: --baseline: $baseline is not an executable" >&2; exit 2; }
log() { printf '[bench] %s\n' "$*" >&2; }

cli=${DRYDOCK_CLI:-$root/drydock}
worker=${DRYDOCK_WORKER:-$root/drydock-worker}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/drydock-cluster-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# PostgreSQL and the registry.
chown postgres:postgres "$work"
pgport=$(free_port)
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U drydock --no-sync -E UTF8 >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work -c fsync=off -c max_connections=200" >/dev/null
regport=$(free_port)
mkdir -p "$work/registry"
cat > "$work/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$regport
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$regport/v2/" >/dev/null && break; sleep 0.2; done

# The population, and the advisory database it is matched against (written to $work/advisories.db).
log "building the population pusher"
dotnet build "$root/bench/Drydock.Bench/Drydock.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
population=$(dotnet "$root/bench/Drydock.Bench/bin/Release/net10.0/Drydock.Bench.dll" crawl-populate "127.0.0.1:$regport" "$work/registry" "$work")
log "$population"
source_arg=registry:127.0.0.1:$regport
parallel_arg=()
[ -n "$parallel" ] && parallel_arg=(--parallel "$parallel")

psqlc() { psql -h 127.0.0.1 -p "$pgport" -U drydock -At "$@"; }
new_db() { local db=bench$RANDOM$RANDOM; psqlc -d postgres -c "CREATE DATABASE $db" >/dev/null; echo "$db"; }

single() { # -> "seconds images"
  local db; db=$(new_db)
  local start; start=$(date +%s.%N)
  "$cli" crawl -q --db "postgres://drydock@127.0.0.1:$pgport/$db" --cache-dir "$work/cache-$db" --advisory-db "$work/advisories.db" \
    "${parallel_arg[@]}" "$source_arg" >/dev/null
  local end; end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(psqlc -d "$db" -c 'SELECT COUNT(*) FROM crawl_images')"
}

cluster() { # workers [binary] -> "seconds images max_rss_kib"
  local n=$1 binary=${2:-$worker} db; db=$(new_db)
  local url=postgres://drydock@127.0.0.1:$pgport/$db started=()
  for i in $(seq "$n"); do
    "$binary" --db "$url" --name "w$i" --advisory-db "$work/advisories.db" "${parallel_arg[@]}" >"$work/$db-w$i.log" 2>&1 &
    started+=($!); pids+=($!)
  done
  until [ "$(psqlc -d "$db" -c 'SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3' 2>/dev/null || echo 0)" = "$n" ]; do sleep 0.5; done
  local start; start=$(date +%s.%N)
  "$cli" crawl --discover-only --quiet --db "$url" "$source_arg" >/dev/null
  until [ "$(psqlc -d "$db" -c "SELECT (SELECT COUNT(*) FROM crawl_frontier WHERE state = 'queued') + (SELECT COUNT(*) FROM cluster_leases WHERE finished_at IS NULL AND expires_at > now())")" = 0 ]; do sleep 0.2; done
  local end; end=$(date +%s.%N)
  local rss=0 pid hwm
  for pid in "${started[@]}"; do # the worker binary may be the ./drydock-worker script: read its dotnet child's peak
    for p in "$pid" $(pgrep -P "$pid" || true); do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$rss" ] && rss=$hwm
    done
  done
  for pid in "${started[@]}"; do kill -TERM "$pid"; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "$(echo "$end - $start" | bc) $(psqlc -d "$db" -c 'SELECT COUNT(*) FROM crawl_images') $rss"
}

samples=()
for r in $(seq "$rounds"); do
  base=
  # The baseline runs first in odd rounds and last in even ones, so a trend in the machine's load favours neither build.
  if [ -n "$baseline" ] && [ $((r % 2)) = 1 ]; then read -r sb db mb < <(cluster 1 "$baseline"); fi
  read -r s0 d0 < <(single)
  read -r s1 d1 m1 < <(cluster 1)
  read -r sn dn mn < <(cluster "$size")
  if [ -n "$baseline" ]; then
    [ $((r % 2)) = 0 ] && read -r sb db mb < <(cluster 1 "$baseline")
    base=",\"baseline\":[$sb,$db,$mb]"
    log "round $r: baseline 1 worker ${sb}s/$db images, peak RSS $((mb / 1024)) MiB"
  fi
  log "round $r: one process ${s0}s/$d0 images; 1 worker ${s1}s/$d1 images, peak RSS $((m1 / 1024)) MiB; $size workers ${sn}s/$dn images, largest peak RSS $((mn / 1024)) MiB"
  samples+=("{\"round\":$r,\"single\":[$s0,$d0],\"one\":[$s1,$d1,$m1],\"many\":[$sn,$dn,$mn]$base}")
done

json=$(printf '%s\n' "${samples[@]}" | jq -s '.')
median() { jq -r --arg c "$1" --argjson f "$2" '[.[] | .[$c][$f]] | sort | .[(length - 1) / 2 | floor]' <<<"$json"; }
ratio() { jq -r --arg a "$1" --arg b "$2" '[.[] | .[$a][0] / .[$b][0]] | sort | .[(length - 1) / 2 | floor] | . * 100 | round / 100' <<<"$json"; }
printf '\n%s rounds, --parallel %s, %s\n' "$rounds" "${parallel:-default}" "$population"
printf '%-22s %9s %8s %11s %14s\n' case median_s images images/min worker_peak_MiB
for c in single one many ${baseline:+baseline}; do
  label=$c; [ "$c" = single ] && label="drydock crawl"; [ "$c" = one ] && label="1 worker"; [ "$c" = many ] && label="$size workers"
  [ "$c" = baseline ] && label="1 baseline worker"
  s=$(median "$c" 0); i=$(median "$c" 1)
  rss=-; [ "$c" != single ] && rss=$(( $(median "$c" 2) / 1024 ))
  printf '%-22s %9.1f %8s %11.1f %14s\n' "$label" "$s" "$i" "$(echo "$i * 60 / $s" | bc -l)" "$rss"
done
printf 'wall time, 1 worker / drydock crawl: %s; %s workers / 1 worker: %s (medians of per-round ratios)\n' "$(ratio one single)" "$size" "$(ratio many one)"
[ -n "$baseline" ] && printf 'wall time, 1 worker / 1 baseline worker: %s\n' "$(ratio one baseline)"
mkdir -p "$root/bench/results"
out=$root/bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ).json
jq --arg p "${parallel:-default}" --argjson w "$size" '{parallel: $p, workers: $w, samples: .}' <<<"$json" >"$out"
log "raw samples: $out"
