#!/usr/bin/env bash
# Counts the garbage collections (with their gc_reason) and the large-object allocations of one run of a native
# (NativeAOT) drydock build, with uprobes on the GC's own functions. Used to check that the GC settings in
# src/Drydock.Cli/Drydock.Cli.csproj are honoured (an unknown or misspelt knob is silently ignored).
#
# Usage: bench/gc-count.sh BINARY [drydock arguments...]
#   e.g. bench/gc-count.sh .build/cli-aot/drydock scan -q --format json -o /tmp/r.json oci:DIR:TAG --no-cache --scanners vuln
#   Set DOTNET_GCgen0size=HEX (or any DOTNET_GC* knob) in the environment to compare with other settings.
# Needs root, perf with uprobe support, and BINARY.dbg beside the binary (the native build writes it).
# Output: one line per collection (generation asked for, reason: 0 = small-object allocation, 4 = large-object
# allocation, see gc_reason in the runtime's gc.h) and one per large/pinned-heap allocation (heap 3 = LOH, 4 = POH).
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
bin=$(readlink -f "$1"); shift
[ -x "$bin" ] && [ -f "$bin.dbg" ] || { echo "gc-count.sh: need an executable $bin and $bin.dbg" >&2; exit 2; }
command -v perf >/dev/null || { echo "gc-count.sh: perf is required" >&2; exit 2; }

# perf probe -x takes a file offset; nm gives the virtual address, which differs from it by the base of the executable segment
# that holds it (0x400000 for the non-PIE link of Drydock.Cli.csproj, 0 for a PIE one).
address() {
  local vaddr type offset virt phys filesz rest
  vaddr=$(nm -C "$bin.dbg" | awk -v f="$1" 'index($0, f) && !found { found = 1; print $1 }')
  [ -n "$vaddr" ] || return 0
  while read -r type offset virt phys filesz rest; do
    if (( 16#$vaddr >= virt && 16#$vaddr < virt + filesz )); then printf '0x%x\n' $(( 16#$vaddr - virt + offset )); return 0; fi
  done < <(readelf -lW "$bin" | awk '$1 == "LOAD"')
}
collect=$(address 'WKS::GCHeap::GarbageCollectGeneration(unsigned int, gc_reason)')
uoh=$(address 'WKS::gc_heap::allocate_uoh(int, unsigned long,')
[ -n "$collect" ] && [ -n "$uoh" ] || { echo "gc-count.sh: GC symbols not found in $bin.dbg (workstation GC expected)" >&2; exit 1; }

group=drydock_gc_$$
work=$(mktemp -d)
cleanup() { perf probe -q -d "$group:*" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
# GarbageCollectGeneration is a member function (this in rdi): generation in esi, reason in edx.
perf probe -q -x "$bin" -a "$group:collect=$collect generation=%si:u32 reason=%dx:u32"
perf probe -q -x "$bin" -a "$group:uoh=$uoh heap=%di:s32 size=%si:u64"
perf record -q -e "$group:collect" -e "$group:uoh" -o "$work/perf.data" -- "$bin" "$@" >/dev/null
perf script -i "$work/perf.data" 2>/dev/null | awk '
  /:collect:/ { n++; print "collection", n ": " $(NF-1), $NF }
  /:uoh:/ && $(NF-1) == "heap=3" { loh++; print "large-object allocation: " $NF }
  END { printf "%d collection(s), %d large-object allocation(s)\n", n, loh }'
