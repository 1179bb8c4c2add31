# SPDX-License-Identifier: GPL-2.0
# Sourced by the reliability bats suites (bad, teardown, safety, limits):
# "nothing of ours is left in the kernel". bt's programs are named bt_*, its
# maps AT_* (script maps) and BT_* (ring buffer, stack map). A leak is such an
# object, or a BPF link, that appeared after leaks_before, is still there after
# a grace period (the kernel frees maps lazily) and no process holds a file
# descriptor to (/proc/*/fdinfo): other workers' live bt runs hold theirs.
# Also checked: tracefs probe definitions unchanged, no process left running
# from BT_LEAK_PATTERN (a command line pattern the test chose).

bpf_objs() {
	bpftool prog show 2>/dev/null | awk '/^[0-9]+:/ && / name bt_/ { sub(":", "", $1); print "prog", $1 }'
	bpftool map show 2>/dev/null | awk '/^[0-9]+:/ && (/ name AT_/ || / name BT_/) { sub(":", "", $1); print "map", $1 }'
	bpftool link show 2>/dev/null | awk '/^[0-9]+:/ { sub(":", "", $1); print "link", $1 }'
}

tracefs_defs() {
	local t=/sys/kernel/tracing
	[ -d $t/events ] || t=/sys/kernel/debug/tracing
	cat $t/kprobe_events $t/uprobe_events 2>/dev/null || true
}

# leaks_before: remember what exists now (in $BATS_TEST_TMPDIR)
leaks_before() {
	bpf_objs | sort > "$BATS_TEST_TMPDIR/objs.before"
	tracefs_defs > "$BATS_TEST_TMPDIR/tracefs.before"
}

# objects new since leaks_before that no process holds
orphans() {
	local kind id
	bpf_objs | sort | comm -13 "$BATS_TEST_TMPDIR/objs.before" - | while read -r kind id; do
		grep -qs "^${kind}_id:[[:space:]]*$id\$" /proc/[0-9]*/fdinfo/* || echo "$kind $id"
	done
}

# leaks_check: fails (printing what is left) when something of ours remains
leaks_check() {
	local i left
	for i in $(seq 40); do
		left=$(orphans)
		[ -z "$left" ] && break
		sleep 0.25
	done
	if [ -n "$left" ]; then
		echo "left in the kernel:"
		echo "$left"
		bpftool prog show; bpftool link show
		return 1
	fi
	if ! tracefs_defs | cmp -s - "$BATS_TEST_TMPDIR/tracefs.before"; then
		echo "tracefs probe definitions changed:"
		tracefs_defs | diff "$BATS_TEST_TMPDIR/tracefs.before" - || true
		return 1
	fi
	if [ -n "${BT_LEAK_PATTERN:-}" ] && pgrep -f -- "$BT_LEAK_PATTERN" >/dev/null; then
		echo "still running:"
		pgrep -a -f -- "$BT_LEAK_PATTERN"
		return 1
	fi
}
