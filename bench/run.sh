#!/usr/bin/env bash
# End-to-end benchmark: scans the Debian test image cold and warm next to `gzip -dc` of the same layer
# (the decompression floor) and prints median wall time, median peak RSS and the ratios.
# Every case runs once per round and the rounds interleave the cases, so they share the machine's noise;
# only the ratios measured side by side in one run mean anything.
#
# Usage: bench/run.sh [--rounds N] [--archives] [--trivy] [--scanners|--by-scanner] [--image NAME] [--cli PATH] [--baseline PATH]
#   --rounds N   rounds (default 5)
#   --archives   also scan cold through docker-archive: and oci-archive:
#   --scanners   (or --by-scanner) also scan cold with --scanners vuln,secret and vuln,misconfig, and print what
#                the secret scanner and the configuration checks add to the inventory-only scan
#   Every run scans cold with --scanners vuln (inventory only) and vuln,malware and prints what the malware
#   scanner's analyzers add (issue 5's aim: under 1.30).
#   --trivy      also run Trivy side by side (fetched with `npm pack` into $BENCH_CACHE, run offline
#                inside `unshare -n` against an empty vulnerability DB; needs root for unshare)
#   --image NAME the test image (default debian; busybox, layered, node, node5k, alpine and rpm work too)
#   --cli PATH   measure this drydock binary (e.g. a ReadyToRun or NativeAOT publish) instead of ./drydock's
#   --baseline PATH  also time this other drydock binary's start and cold scan (e.g. an older commit's
#                build) in the same rounds, and print current / baseline
# Env: DRYDOCK_TEST_IMAGES (default .testdata/images, as the tests), BENCH_CACHE (default
#      $XDG_CACHE_HOME/drydock-bench or ~/.cache/drydock-bench).
# Output: a table on stdout and the raw samples as JSON in bench/results/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=5
archives=0
scanners=0
trivy=0
image=debian
cli=
baseline=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --archives) archives=1; shift ;;
    --scanners) scanners=1; shift ;;
    --trivy) trivy=1; shift ;;
    --by-scanner) scanners=1; shift ;;
    --image) image=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rounds needs a positive number" >&2; exit 2; }

log() { printf '[bench] %s\n' "$*" >&2; }
for tool in jq gzip /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required" >&2; exit 2; }
done

case $image in
  debian) tag=bookworm ;;
  busybox) tag=latest ;;
  layered|node|node5k) tag=v1 ;;
  alpine) tag=3.19 ;;
  rpm) tag=9.3 ;;
  *) echo "run.sh: unknown image '$image' (debian, busybox, layered, node, node5k, alpine, rpm)" >&2; exit 2 ;;
esac

images=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
bench_cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/drydock-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- inputs
"$root/scripts/build-test-images.sh" "$images" "$image"
layout=$images/$image-oci
manifest=$(jq -r --arg t "$tag" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$layout/index.json")
[ -n "$manifest" ] || { echo "run.sh: no manifest tagged $tag in $layout" >&2; exit 1; }
mapfile -t layer_digests < <(jq -r '.layers[].digest' "$layout/blobs/${manifest%%:*}/${manifest#*:}")
layer_blobs=()
compressed_bytes=0
for d in "${layer_digests[@]}"; do
  blob=$layout/blobs/${d%%:*}/${d#*:}
  layer_blobs+=("$blob")
  compressed_bytes=$((compressed_bytes + $(stat -c %s "$blob")))
done
uncompressed_bytes=$(cat "${layer_blobs[@]}" | gzip -dc | wc -c)

if [ -z "$cli" ]; then
  log "building the CLI (Release)"
  "$root/drydock" --version >/dev/null
  cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock # measured directly: the wrapper's staleness check is not part of a scan
fi
[ -x "$cli" ] || { echo "run.sh: $cli is not an executable" >&2; exit 2; }
version=$("$cli" --version)

trivy_bin=
if [ "$trivy" = 1 ]; then
  . "$root/bench/lib/trivy.sh"
  trivy_fetch
fi

baseline_version=
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "run.sh: $baseline is not an executable" >&2; exit 2; }
  baseline_version=$("$baseline" --version)
fi

# ---------------------------------------------------------------- cases
oci_ref=oci:$layout:$tag
cases=(startup floor cold cold_write warm cold_vuln cold_vuln_malware)
declare -A describe=(
  [startup]="drydock --version (process start, no scan)"
  [floor]="gzip -dc of the layer blob(s) to /dev/null"
  [cold]="scan $image, --no-cache"
  [cold_write]="scan $image, fresh --cache-dir (writes the cache)"
  [warm]="scan $image, populated --cache-dir"
  [cold_docker_archive]="scan docker-archive:, --no-cache"
  [cold_oci_archive]="scan oci-archive:, --no-cache"
  [cold_vuln]="scan $image, --no-cache --scanners vuln (inventory only)"
  [cold_vuln_malware]="scan $image, --no-cache --scanners vuln,malware"
  [trivy_pkgs]="trivy --scanners vuln --list-all-pkgs (empty DB, fresh cache)"
  [trivy_secrets]="trivy --scanners secret (fresh cache)"
  [trivy_both]="trivy --scanners vuln,secret --list-all-pkgs (fresh cache)"
  [cold_secret]="scan $image, --no-cache --scanners vuln,secret"
  [cold_misconfig]="scan $image, --no-cache --scanners vuln,misconfig"
  [base_startup]="baseline drydock --version"
  [base_cold]="baseline drydock: scan $image, --no-cache"
)
if [ "$archives" = 1 ]; then
  cases+=(cold_docker_archive cold_oci_archive)
fi
if [ "$scanners" = 1 ]; then
  cases+=(cold_secret cold_misconfig)
fi
if [ "$trivy" = 1 ]; then
  cases+=(trivy_pkgs trivy_secrets trivy_both)
fi
if [ -n "$baseline" ]; then
  cases+=(base_startup base_cold)
fi

# Sets cmd to the command line of a case; each is measured as one process tree, with nothing in between.
command_of() {
  # The report goes to a file as a user would write it. Never `-o /dev/null`: the CLI writes a temporary file
  # and renames it over the target, which (as root) replaces the device node with a regular file.
  local scan=("$cli" scan -q --format json -o "$work/report.json")
  case $1 in
    startup) cmd=("$cli" --version) ;;
    floor)
      if [ ${#layer_blobs[@]} = 1 ]; then cmd=(gzip -dc "${layer_blobs[0]}"); else cmd=(sh -c 'cat "$@" | gzip -dc' sh "${layer_blobs[@]}"); fi ;;
    cold) cmd=("${scan[@]}" "$oci_ref" --no-cache) ;;
    cold_write) cmd=("${scan[@]}" "$oci_ref" --cache-dir "$work/cache-fresh") ;;
    warm) cmd=("${scan[@]}" "$oci_ref" --cache-dir "$work/cache-warm") ;;
    cold_vuln) cmd=("${scan[@]}" "$oci_ref" --no-cache --scanners vuln) ;;
    cold_secret) cmd=("${scan[@]}" "$oci_ref" --no-cache --scanners vuln,secret) ;;
    cold_misconfig) cmd=("${scan[@]}" "$oci_ref" --no-cache --scanners vuln,misconfig) ;;
    cold_docker_archive) cmd=("${scan[@]}" "docker-archive:$images/$image.docker.tar" --no-cache) ;;
    cold_oci_archive) cmd=("${scan[@]}" "oci-archive:$images/$image.oci.tar" --no-cache) ;;
    cold_vuln_malware) cmd=("${scan[@]}" "$oci_ref" --no-cache --scanners vuln,malware) ;;
    trivy_*)
      local scanners=(--scanners vuln --list-all-pkgs)
      [ "$1" = trivy_secrets ] && scanners=(--scanners secret)
      [ "$1" = trivy_both ] && scanners=(--scanners vuln,secret --list-all-pkgs)
      cmd=(env "TRIVY_CACHE_DIR=$work/trivy-cache" unshare -n "$trivy_bin" image --input "$images/$image.docker.tar"
        "${scanners[@]}" "${trivy_offline[@]}" --format json --output "$work/trivy.json") ;;
    base_startup) cmd=("$baseline" --version) ;;
    base_cold) cmd=("$baseline" scan -q --format json -o "$work/report-base.json" "$oci_ref" --no-cache) ;;
  esac
}

# Resets what a case must find before it runs: cold_write a missing cache, Trivy a fresh cache with the empty DB.
prepare() {
  case $1 in
    cold_write) rm -rf "$work/cache-fresh" ;;
    trivy_*) trivy_fresh_cache "$work/trivy-cache" ;;
  esac
}

# One sample: wall time in ms (from the clock, finer than time's %e) and peak RSS in KiB (time's %M, the
# largest process of the tree: gzip for the floor).
measure() {
  local name=$1 out=$work/time.out start end cmd
  command_of "$name"
  prepare "$name"
  start=$(date +%s%N)
  if ! /usr/bin/time -o "$out" -f '%M' "${cmd[@]}" >/dev/null 2>"$work/$name.log"; then
    echo "run.sh: case $name failed: ${cmd[*]}" >&2
    cat "$work/$name.log" "$out" >&2
    exit 1
  fi
  end=$(date +%s%N)
  printf '%s %s %s\n' "$name" $(((end - start) / 1000000)) "$(tail -n 1 "$out")" >>"$work/samples"
}

log "populating the warm cache"
"$cli" scan -q --format json -o "$work/report.json" "$oci_ref" --cache-dir "$work/cache-warm"
log "warming up (one unmeasured pass over every case, to fill the page cache)"
: >"$work/samples"
for c in "${cases[@]}"; do measure "$c"; done
: >"$work/samples"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= rounds; r++)); do
  log "round $r/$rounds"
  for c in "${cases[@]}"; do measure "$c"; done
done

# ---------------------------------------------------------------- report
median() { # name column -> median of that column's samples
  awk -v n="$1" -v col="$2" '$1 == n { print $col }' "$work/samples" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A wall rss
for c in "${cases[@]}"; do
  wall[$c]=$(median "$c" 2)
  rss[$c]=$(median "$c" 3)
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "Drydock $version ($cli), image $image ($((compressed_bytes / 1000000)) MB compressed, $((uncompressed_bytes / 1000000)) MB uncompressed, ${#layer_blobs[@]} layer(s))"
echo "$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $rounds interleaved rounds, medians;" \
  "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-20s %9s %10s %8s  %s\n' case "wall (s)" "RSS (MB)" "x floor" what
for c in "${cases[@]}"; do
  printf '%-20s %9.3f %10.1f %8s  %s\n' "$c" "$(awk -v m="${wall[$c]}" 'BEGIN { print m / 1000 }')" \
    "$(awk -v k="${rss[$c]}" 'BEGIN { print k / 1024 }')" "$(ratio "${wall[$c]}" "${wall[floor]}")" "${describe[$c]}"
done
cold_floor=$(ratio "${wall[cold]}" "${wall[floor]}")
warm_cold=$(ratio "${wall[warm]}" "${wall[cold]}")
warm_startup=$(ratio "${wall[warm]}" "${wall[startup]}")
rss_mb=$(awk -v a="${rss[cold]}" -v b="${rss[cold_write]}" -v c="${rss[warm]}" 'BEGIN { m = a; if (b > m) m = b; if (c > m) m = c; printf "%.1f", m / 1024 }')
echo
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v <= lim) ? "ok" : "OVER" }'; }
printf 'cold / floor        %6s   (aim <= 1.50: %s)\n' "$cold_floor" "$(verdict "$cold_floor" 1.5)"
printf 'cold+write / floor  %6s\n' "$(ratio "${wall[cold_write]}" "${wall[floor]}")"
printf 'warm / cold         %6s   (aim <  0.10: %s; warm / process start = %s)\n' "$warm_cold" "$(verdict "$warm_cold" 0.0999)" "$warm_startup"
printf 'peak RSS (max)      %6s MB (aim <  150: %s)\n' "$rss_mb" "$(verdict "$rss_mb" 149.99)"
if true; then
  echo
  printf 'vuln,malware / vuln  %6s   (what the malware analyzers add to an inventory-only cold scan; aim < 1.30: %s)\n' \
    "$(ratio "${wall[cold_vuln_malware]}" "${wall[cold_vuln]}")" "$(verdict "$(ratio "${wall[cold_vuln_malware]}" "${wall[cold_vuln]}")" 1.2999)"
  printf 'vuln,malware RSS / vuln RSS %s\n' "$(ratio "${rss[cold_vuln_malware]}" "${rss[cold_vuln]}")"
fi
if [ "$trivy" = 1 ]; then
  echo
  echo "Both inventory packages; Drydock's default cold scan also scans for secrets, as trivy_both does (see"
  echo "bench/compare-inventory.sh for how far the two inventories agree)."
  for t in trivy_pkgs trivy_secrets trivy_both; do
    printf '%-14s / drydock cold: wall %s x, RSS %s x\n' "$t" "$(ratio "${wall[$t]}" "${wall[cold]}")" "$(ratio "${rss[$t]}" "${rss[cold]}")"
  done
fi
if [ "$scanners" = 1 ]; then
  echo
  printf 'vuln,secret / vuln      wall %s x, RSS %s x   (what secret scanning adds to the inventory-only cold scan)\n' \
    "$(ratio "${wall[cold_secret]}" "${wall[cold_vuln]}")" "$(ratio "${rss[cold_secret]}" "${rss[cold_vuln]}")"
  printf 'vuln,misconfig / vuln   wall %s x, RSS %s x\n' "$(ratio "${wall[cold_misconfig]}" "${wall[cold_vuln]}")" "$(ratio "${rss[cold_misconfig]}" "${rss[cold_vuln]}")"
  printf 'all scanners / vuln     wall %s x\n' "$(ratio "${wall[cold]}" "${wall[cold_vuln]}")"
fi
if [ -n "$baseline" ]; then
  echo
  echo "Baseline $baseline_version ($baseline), same rounds:"
  printf 'cold / baseline cold          %6s   (aim for inventory over the foundation: <= 1.20: %s)\n' \
    "$(ratio "${wall[cold]}" "${wall[base_cold]}")" "$(verdict "$(ratio "${wall[cold]}" "${wall[base_cold]}")" 1.2)"
  printf 'cold_vuln / baseline cold     %6s   (the inventory alone, --scanners vuln, over the foundation: issue 3 aim <= 1.20: %s)\n' \
    "$(ratio "${wall[cold_vuln]}" "${wall[base_cold]}")" "$(verdict "$(ratio "${wall[cold_vuln]}" "${wall[base_cold]}")" 1.2)"
  printf 'startup / baseline startup    %6s\n' "$(ratio "${wall[startup]}" "${wall[base_startup]}")"
  printf 'cold RSS / baseline cold RSS  %6s\n' "$(ratio "${rss[cold]}" "${rss[base_cold]}")"
fi

mkdir -p "$root/bench/results"
result=$root/bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).json
awk '{ printf "%s\t%s\t%s\n", $1, $2, $3 }' "$work/samples" |
  jq -R -s --arg version "$version" --arg cli "$cli" --arg baseline "$baseline" --arg baseline_version "$baseline_version" --arg image "$image" --argjson rounds "$rounds" \
    --argjson cores "$(nproc)" --arg cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" \
    --argjson mem_kib "$(awk '/MemTotal/ { print $2 }' /proc/meminfo)" --arg load_before "$load_before" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" --arg commit "$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)" \
    --argjson compressed "$compressed_bytes" --argjson uncompressed "$uncompressed_bytes" \
    --arg cases "$(for c in "${cases[@]}"; do printf '%s\t%s\n' "$c" "${describe[$c]}"; done)" '
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    (split("\n") | map(select(length > 0) | split("\t") | {case: .[0], wall_ms: (.[1] | tonumber), rss_kib: (.[2] | tonumber)})) as $s
    | ($cases | split("\n") | map(select(length > 0) | split("\t") | {key: .[0], value: .[1]}) | from_entries) as $what
    | ($what | keys_unsorted | map(. as $c | {key: $c, value: ({
        what: $what[$c],
        wall_ms: [$s[] | select(.case == $c) | .wall_ms],
        rss_kib: [$s[] | select(.case == $c) | .rss_kib]}
        | .median_wall_ms = (.wall_ms | median) | .median_rss_kib = (.rss_kib | median))})
      | from_entries) as $by
    | {
        date: (now | todate), drydock: $version, cli: $cli, commit: $commit, image: $image,
        baseline: (if $baseline == "" then null else {cli: $baseline, version: $baseline_version} end),
        compressed_bytes: $compressed, uncompressed_bytes: $uncompressed,
        machine: {cores: $cores, cpu: $cpu, mem_kib: $mem_kib, load_before: $load_before, load_after: $load_after}, rounds: $rounds,
        cases: $by,
        ratios: {
          cold_over_floor: ($by.cold.median_wall_ms / $by.floor.median_wall_ms),
          cold_write_over_floor: ($by.cold_write.median_wall_ms / $by.floor.median_wall_ms),
          warm_over_cold: ($by.warm.median_wall_ms / $by.cold.median_wall_ms),
          warm_over_startup: ($by.warm.median_wall_ms / $by.startup.median_wall_ms),
          cold_over_baseline_cold: (if $by.base_cold then $by.cold.median_wall_ms / $by.base_cold.median_wall_ms else null end),
          cold_vuln_over_baseline_cold: (if $by.base_cold then $by.cold_vuln.median_wall_ms / $by.base_cold.median_wall_ms else null end),
          secret_over_vuln: (if $by.cold_secret then $by.cold_secret.median_wall_ms / $by.cold_vuln.median_wall_ms else null end),
          misconfig_over_vuln: (if $by.cold_misconfig then $by.cold_misconfig.median_wall_ms / $by.cold_vuln.median_wall_ms else null end),
          malware_over_vuln: (if $by.cold_vuln_malware then $by.cold_vuln_malware.median_wall_ms / $by.cold_vuln.median_wall_ms else null end)
        }
      }' >"$result"
echo
echo "raw samples: ${result#"$root"/}"
