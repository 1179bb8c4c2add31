# SPDX-License-Identifier: GPL-2.0
# Shared by every bats suite: paths, root/feature checks.
bats_require_minimum_version 1.5.0
ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILD=${BT_BUILD:-$ROOT/build}
BT="$BUILD/bt"
SEED="$ROOT/../shared/seed"
export BT BUILD ROOT SEED

require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to load BPF programs"
}

have_kprobes() {
	[ -e /sys/bus/event_source/devices/kprobe/type ]
}

require_kprobes() {
	have_kprobes || skip "this kernel has no kprobes: the VM suite (tests/vm) covers this"
}

require_seed() {
	[ -d "$SEED" ] || skip "../shared/seed is not beside the checkout"
}

# first line of stderr of the last `run --separate-stderr`
first_err() {
	printf '%s\n' "$stderr" | head -n 1
}

# same_as_bpftrace ARGS...: where bpftrace 0.17 is installed, runs it with
# ARGS (in the current directory, for 30 s at most) and fails unless its
# stdout is bt's ($output of the last `run`) and it failed exactly when bt
# did ($status). When bpftrace_filter names a function, bpftrace's stdout
# goes through it first (for lines bt writes elsewhere, e.g. to stderr).
same_as_bpftrace() {
	command -v bpftrace > /dev/null || return 0
	local out st
	out=$(timeout 30 bpftrace "$@" 2> /dev/null) && st=0 || st=$?
	[ -z "${bpftrace_filter:-}" ] || out=$("$bpftrace_filter" <<< "$out")
	if [ "$out" != "$output" ] || [ $((st != 0)) -ne $((status != 0)) ]; then
		printf 'bt (exit %s):\n%s\nbpftrace 0.17 (exit %s):\n%s\n' \
			"$status" "$output" "$st" "$out" >&2
		return 1
	fi
}

# sets DIR (a directory on a real disk) and DISK (that disk's name)
find_disk() {
	local src
	for DIR in "$BATS_TEST_TMPDIR" "$ROOT/build"; do
		src=$(findmnt -n -o SOURCE -T "$DIR" 2>/dev/null | head -n 1)
		[ -b "$src" ] || continue
		DISK=$(lsblk -n -o PKNAME "$src" 2>/dev/null | head -n 1)
		[ -n "$DISK" ] || DISK=$(basename "$(readlink -f "$src")")
		[ -e "/sys/block/$DISK" ] && return 0
	done
	skip "no directory on a block device"
}

# waits up to 120 s until process $1 holds at least $2 attached-probe file
# descriptors (anon_inode bpf_link or [perf_event]): "Attaching N probes..."
# is printed before the probes attach (as in bpftrace), so a workload that
# must be seen whole waits for this too. (Attaching a tracepoint waits on
# the kernel's tracepoint mutex: long while others attach hundreds.)
wait_probe_fds() {
	local n=0
	for _ in $(seq 1200); do
		n=$(ls -l "/proc/$1/fd" 2>/dev/null | grep -cE 'anon_inode:(bpf_link|\[perf_event\])$' || true)
		if [ "$n" -ge "$2" ]; then
			sleep 0.2 # a perf event's program is set just after its open
			return 0
		fi
		sleep 0.1
	done
	echo "process $1 holds $n probe fds, not $2"
	return 1
}
