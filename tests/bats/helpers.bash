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
