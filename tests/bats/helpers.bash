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
