#!/usr/bin/env bash
# Run-time slowdown that the sandbox's strace causes, measured side by side: each round runs every case once plain
# and once under strace with the arguments of src/Drydock/Sandbox/Tracing/StraceInvocation.cs (keep them in step),
# alternating which goes first. Prints the median wall times and traced/plain per case.
# Cases: cpu (a shell loop with no system calls), forkexec (fork + exec of a busybox applet per iteration),
# syscalls (dd moving one byte at a time: untraced read/write calls that still stop under ptrace), and
# syscalls_bpf: the same with --seccomp-bpf, which stops only at traced calls but only for processes strace starts
# itself (not with -p, which is how the sandbox attaches to the container's init).
# Needs strace and busybox-static. Usage: bench/sandbox-trace.sh [--rounds N]   (default 7)
set -euo pipefail
rounds=7
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds N]" >&2; exit 2 ;;
  esac
done
bb=/usr/bin/busybox
for tool in /usr/bin/strace $bb; do
  [ -x "$tool" ] || { echo "sandbox-trace.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
calls=execve,execveat,clone,clone3,fork,vfork,connect,sendto,sendmsg,sendmmsg,bind,open,openat,openat2,creat
calls=$calls,rename,renameat,renameat2,unlink,unlinkat,rmdir,chmod,fchmod,fchmodat,mkdir,mkdirat,symlink,symlinkat
calls=$calls,link,linkat,dup2,dup3,chdir,fchdir,exit_group
strace_args=(-f -ttt -q -s 4096 --decode-fds=path,socket --pidns-translation -e 'signal=!SIGCHLD' -e "trace=$calls" -o "$work/trace")

declare -A script=(
  [cpu]='i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'
  [forkexec]='i=0; while [ $i -lt 300 ]; do busybox true; i=$((i+1)); done'
  [syscalls]='dd if=/dev/zero of=/dev/null bs=1 count=200000 2>/dev/null'
  [syscalls_bpf]='dd if=/dev/zero of=/dev/null bs=1 count=200000 2>/dev/null'
)
cases=(cpu forkexec syscalls syscalls_bpf)

now() { date +%s%N; }
run_plain() { local t0; t0=$(now); $bb sh -c "${script[$1]}"; echo $(( ($(now) - t0) / 1000 )); }
run_traced() {
  local t0 extra=()
  [ "$1" = syscalls_bpf ] && extra=(--seccomp-bpf)
  t0=$(now); strace "${strace_args[@]}" "${extra[@]}" $bb sh -c "${script[$1]}"; echo $(( ($(now) - t0) / 1000 ))
}

declare -A samples
for c in "${cases[@]}"; do run_plain "$c" >/dev/null; run_traced "$c" >/dev/null; done   # unmeasured warm-up
for r in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    if [ $((r % 2)) -eq 0 ]; then
      p=$(run_plain "$c"); t=$(run_traced "$c")
    else
      t=$(run_traced "$c"); p=$(run_plain "$c")
    fi
    samples[$c.plain]+="$p "
    samples[$c.traced]+="$t "
    samples[$c.ratio]+="$(awk -v a="$t" -v b="$p" 'BEGIN { printf "%.3f", a / b }') "
    [ "$c" = forkexec ] && samples[$c.lines]=$(wc -l <"$work/trace")
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-10s %12s %12s %18s %s\n' case plain_ms traced_ms median_ratio "ratios (per round)"
for c in "${cases[@]}"; do
  p=$(echo "${samples[$c.plain]}" | median); t=$(echo "${samples[$c.traced]}" | median)
  printf '%-10s %12.1f %12.1f %18s %s\n' "$c" "$(awk -v v="$p" 'BEGIN{print v/1000}')" "$(awk -v v="$t" 'BEGIN{print v/1000}')" \
    "$(echo "${samples[$c.ratio]}" | median)" "${samples[$c.ratio]}"
done
echo "forkexec trace: ${samples[forkexec.lines]} lines per run; $rounds rounds, $(nproc) cores"
