#!/usr/bin/env bash
# Load benchmark of `drydock serve` (the admission webhook), all on loopback:
#   1. cached decisions, twice (tags resolved on every request, then with --digest-ttl): wrk POSTs one AdmissionReview (a Pod whose image is built on a catalog base) to /validate over
#      HTTPS at about RATE requests/s for DURATION seconds; prints wrk's latency distribution and the server's decision
#      counters (every request must be allowed, none denied or failed);
#   2. uncached decisions: ROUNDS fresh servers (empty layer and verdict caches) each time one request for the Debian
#      test image: digest resolution, the full scan (malware, secrets, misconfigurations) and the policy.
# Needs docker-registry, skopeo, openssl, curl and wrk (installed when missing) and the test images
# ($DRYDOCK_TEST_IMAGES or .testdata/images: busybox, layered, debian). Usage: bench/admission.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
drydock=${DRYDOCK:-$root/drydock}
images=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
rate=${RATE:-200}
duration=${DURATION:-60}
connections=${CONNECTIONS:-5}
rounds=${ROUNDS:-3}

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
for tool in docker-registry skopeo openssl curl; do
  command -v "$tool" >/dev/null || { echo "admission.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done
for image in busybox layered debian; do
  [ -d "$images/$image-oci" ] || "$root/scripts/build-test-images.sh" "$images" "$image"
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fsk "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "admission.sh: $1 did not answer" >&2; exit 3; }

# The registry, with the base and two images on it, and the catalog holding the base.
rport=$(free_port)
mkdir -p "$work/registry"
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry" "$rport" >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$rport/v2/"
registry=127.0.0.1:$rport
push() { skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$images/$1" "docker://$registry/$2"; }
push busybox-oci:latest hardened/busybox:1.0
push layered-oci:v1 apps/layered:v1
push debian-oci:bookworm apps/debian:bookworm
"$drydock" base add "$registry/hardened/busybox:1.0" --db "$work/drydock.db" >/dev/null

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=drydock.drydock-system.svc \
  -addext "subjectAltName=IP:127.0.0.1,DNS:drydock.drydock-system.svc" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
printf 'version: 1\nbase:\n  require: hardened\nmalware:\n  deny: [coin-miner, hacking-tool, windows-malware]\n' >"$work/policy.yaml"

review() { # FILE IMAGE
  printf '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"bench-%s","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"name":"web","namespace":"bench","operation":"CREATE","userInfo":{"username":"bench"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"bench"},"spec":{"containers":[{"name":"app","image":"%s"}]}},"dryRun":false}}' \
    "$RANDOM" "$2" >"$1"
}
review "$work/cached.json" "$registry/apps/layered:v1"
review "$work/debian.json" "$registry/apps/debian:bookworm"

serve() { # PORT CACHE-DIR [OPTION...]
  local port=$1 cache=$2
  shift 2
  "$drydock" serve "$@" --listen "127.0.0.1:$port" --policy "$work/policy.yaml" --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" \
    --db "$work/drydock.db" --cache-dir "$cache" --scanners malware,secret,misconfig --scan-timeout 120s --audit-log "$work/audit-$port.jsonl" \
    2>>"$work/serve.log" &
  pids+=($!)
  wait_for "https://127.0.0.1:$port/healthz"
}
post() { curl -fsS --cacert "$work/tls.crt" -H 'Content-Type: application/json' --data-binary "@$2" "https://127.0.0.1:$1/validate"; }
metric() { curl -fsS --cacert "$work/tls.crt" "https://127.0.0.1:$1/metrics" | awk -v s="$2" '$1 == s { print $2 }'; }

echo "== uncached decision: the Debian image ($rounds rounds, each a fresh server with empty caches)"
for round in $(seq "$rounds"); do
  port=$(free_port)
  serve "$port" "$work/cache-uncached-$round"
  start=$(date +%s.%N)
  answer=$(post "$port" "$work/debian.json")
  end=$(date +%s.%N)
  allowed=$(printf '%s' "$answer" | grep -o '"allowed":[a-z]*')
  awk -v r="$round" -v s="$start" -v e="$end" -v a="$allowed" 'BEGIN { printf "round %s: %.2f s (%s)\n", r, e - s, a }'
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
done

load() { # LABEL [SERVE-OPTION...]
  local label=$1
  shift
  echo "== cached decisions ($label): about $rate requests/s for $duration s over $connections connections"
  local port
  port=$(free_port)
  serve "$port" "$work/cache-load" "$@"
  post "$port" "$work/cached.json" >/dev/null   # the one scan; every request after it is a cache hit
  local before
  before=$(metric "$port" 'drydock_admission_decisions_total{result="allowed"}')
  REVIEW="$work/cached.json" DELAY_MS=$((1000 * connections / rate)) wrk -t1 -c"$connections" -d"${duration}s" --latency \
    -s "$root/bench/admission.lua" "https://127.0.0.1:$port/validate"
  echo "server: $(( $(metric "$port" 'drydock_admission_decisions_total{result="allowed"}') - before )) allowed," \
    "$(metric "$port" 'drydock_admission_decisions_total{result="denied"}') denied, $(metric "$port" 'drydock_admission_bad_requests_total') bad requests," \
    "$(metric "$port" 'drydock_verdict_cache_hits_total') cache hits, $(metric "$port" 'drydock_scans_total{result="succeeded"}') scan(s)"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}
load "the tag resolved through the registry on every request (default)"
load "--digest-ttl 30s" --digest-ttl 30s
