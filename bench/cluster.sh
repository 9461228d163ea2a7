#!/usr/bin/env bash
# Worker-cluster benchmark: images per minute when 1 and when 3 `drydock worker` processes drain the same crawl frontier.
# A real PostgreSQL (initdb in a temp folder) and docker-registry on loopback; the test images are pushed once, each to two
# repositories (many tags, shared base layers); every run gets a fresh database (so a cold shared layer store), starts its
# workers, waits until they are all cluster members, fills the frontier with `drydock crawl --discover-only` and times from
# there until the frontier is drained (worker start-up excluded). Runs alternate 1 and 3 workers in each round, so both see
# the same machine noise; the median of each and their ratio are printed.
#
# Usage: bench/cluster.sh [--rounds N] [--workers N]
#   --rounds N    rounds (default 3)
#   --workers N   the cluster size compared with one worker (default 3)
# Env: DRYDOCK_TEST_IMAGES (default .testdata/images), DRYDOCK_CLI (default ./drydock), DRYDOCK_WORKER (default ./drydock-worker).
# Needs: postgresql, docker-registry, skopeo, jq (scripts/install-deps.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=3
size=3
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --workers) size=$2; shift 2 ;;
    *) echo "usage: bench/cluster.sh [--rounds N] [--workers N]" >&2; exit 2 ;;
  esac
done

images=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
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
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$regport
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$regport/v2/" >/dev/null && break; sleep 0.2; done

# The population: every test image (but the two largest) in two repositories.
count=0
for layout in "$images"/*-oci; do
  name=$(basename "$layout" -oci)
  case $name in windows-software|ordinary) continue ;; esac
  tag=$(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$layout/index.json")
  for repo in "library/$name" "mirror/$name"; do
    skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:$tag" "docker://127.0.0.1:$regport/$repo:$tag"
  done
  count=$((count + 1))
done
echo "registry: $count distinct images in $((count * 2)) repositories" >&2

psqlc() { psql -h 127.0.0.1 -p "$pgport" -U drydock -At "$@"; }

run() { # workers -> seconds to drain
  local n=$1 db=bench$RANDOM$RANDOM
  psqlc -d postgres -c "CREATE DATABASE $db" >/dev/null
  local url=postgres://drydock@127.0.0.1:$pgport/$db started=() 
  for i in $(seq "$n"); do
    "$worker" --db "$url" --name "w$i" --advisory-db /nonexistent >"$work/$db-w$i.log" 2>&1 &
    started+=($!); pids+=($!)
  done
  until [ "$(psqlc -d "$db" -c 'SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3' 2>/dev/null || echo 0)" = "$n" ]; do sleep 0.5; done
  local start=$(date +%s.%N)
  "$cli" crawl --discover-only --quiet --db "$url" "registry:127.0.0.1:$regport" >/dev/null
  until [ "$(psqlc -d "$db" -c "SELECT (SELECT COUNT(*) FROM crawl_frontier WHERE state = 'queued') + (SELECT COUNT(*) FROM cluster_leases WHERE finished_at IS NULL AND expires_at > now())")" = 0 ]; do sleep 0.2; done
  local end=$(date +%s.%N)
  local done=$(psqlc -d "$db" -c "SELECT COUNT(*) FROM crawl_images")
  for pid in "${started[@]}"; do kill -TERM "$pid"; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "$(echo "$end - $start" | bc) $done"
}

one=() many=()
for r in $(seq "$rounds"); do
  read -r s d < <(run 1); one+=("$s"); echo "round $r: 1 worker: ${s}s for $d images" >&2
  read -r s d < <(run "$size"); many+=("$s"); echo "round $r: $size workers: ${s}s for $d images" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m1=$(median "${one[@]}"); mn=$(median "${many[@]}")
printf 'workers  median_s  images_per_min\n'
printf '1        %.1f      %.1f\n' "$m1" "$(echo "$count * 60 / $m1" | bc -l)"
printf '%-8s %.1f      %.1f\n' "$size" "$mn" "$(echo "$count * 60 / $mn" | bc -l)"
printf 'speed-up %s/1: %.2f\n' "$size" "$(echo "$m1 / $mn" | bc -l)"
