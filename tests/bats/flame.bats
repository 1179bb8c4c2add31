#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# --folded and --svg on the stack tools (tools/flame*.c), on real events.
# The SVGs are checked with xmllint and rendered by headless Chromium.
load helpers

DD="dd if=/dev/zero of=/dev/null bs=1M count=3000"
# dd's read(2) of /dev/zero: read_zero on this kernel (the .read op),
# read_iter_zero / iov_iter_zero where /dev/zero is read through read_iter
ZERO='(read_zero|read_iter_zero|iov_iter_zero)'

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

require_chromium() {
	command -v chromium >/dev/null ||
		skip "chromium is not installed and could not be (make test-deps installs it)"
}

chromium_run() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$T/profile" "$@" 2>/dev/null
}

# shot SVG: screenshot to $T/shot.png, prints flame_png.py's stats
shot() {
	chromium_run --screenshot="$T/shot.png" --window-size=1200,800 "$1" >/dev/null
	python3 "$ROOT/tests/bats/flame_png.py" "$T/shot.png"
}

@test "oncpu --svg: the text output and the SVG both show dd's read path" {
	require_root
	run --separate-stderr "$BUILD/oncpu" -F 999 --svg "$T/on.svg" -c "$DD"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[dd, "* ]]
	[[ "$output" =~ $ZERO\+[0-9]+ ]]
	xmllint --noout "$T/on.svg"
	grep -Eq "<title>$ZERO \([0-9,]+ samples, [0-9.]+%\)</title>" "$T/on.svg"
	grep -Eq '<title>all \([0-9,]+ samples, 100.00%\)</title>' "$T/on.svg"
	grep -Eq '<title>dd \([0-9,]+ samples, [0-9.]+%\)</title>' "$T/on.svg"
	grep -q '<text id="title" x="600" y="24">oncpu -c dd if=/dev/zero' "$T/on.svg"
	grep -q '<svg version="1.1" width="1200" ' "$T/on.svg"
	grep -q 'font-family: monospace' "$T/on.svg"
	grep -q 'function zoom(z)' "$T/on.svg"
	# self-contained: nothing loaded from elsewhere
	run ! grep -Eq '(href|src)=' "$T/on.svg"
}

@test "oncpu --folded: merged comm;root;...;leaf N lines, ascending" {
	require_root
	run --separate-stderr "$BUILD/oncpu" -F 999 --folded -K -c "$DD"
	[ "$status" -eq 0 ]
	lines=$(printf '%s\n' "$output" | grep -v '^$')
	# every line is a stack and a count, frames without +offsets
	[ -z "$(printf '%s\n' "$lines" | grep -Ev '^[^ ;]+(;[^;+ ]+)* [0-9]+$')" ]
	printf '%s\n' "$lines" | grep -Eq "^dd;entry_SYSCALL_64_after_hwframe;do_syscall_64;ksys_read;vfs_read;$ZERO(;[^ ;]+)* [0-9]+$"
	# equal stacks are merged, counts ascend like the map they came from
	[ -z "$(printf '%s\n' "$lines" | sed 's/ [0-9]*$//' | sort | uniq -d)" ]
	printf '%s\n' "$lines" | awk '{ print $NF }' | sort -n -c
}

@test "oncpu --folded --svg: folded lines on stdout, the same stacks in the SVG" {
	require_root
	run --separate-stderr "$BUILD/oncpu" -F 999 --folded --svg "$T/on.svg" -c "$DD"
	[ "$status" -eq 0 ]
	[[ "$output" != *"@["* ]]
	total=$(printf '%s\n' "$output" | awk 'NF { n += $NF } END { print n }')
	grep -q "<title>all ($total samples, 100.00%)</title>" "$T/on.svg"
}

@test "oncpu --svg renders in headless Chromium: frames, not a blank page" {
	require_root
	require_chromium
	"$BUILD/oncpu" -F 999 --svg "$T/on.svg" -c "$DD" >/dev/null 2>&1
	run shot "$T/on.svg"
	[ "$status" -eq 0 ]
	echo "$output"
	[[ "$output" =~ ^1200x800\ colors=([0-9]+)\ warm=([0-9]+)$ ]]
	# the background gradient and black text alone are far fewer colors;
	# all/dd/entry/do_syscall/ksys_read/vfs_read span ~1180x15 px each
	[ "${BASH_REMATCH[1]}" -ge 50 ]
	[ "${BASH_REMATCH[2]}" -ge 60000 ]
}

@test "flame graph JavaScript: click zooms a frame, search highlights and sums" {
	require_root
	require_chromium
	"$BUILD/oncpu" -F 999 --svg "$T/on.svg" -c "$DD" >/dev/null 2>&1
	leaf=$(grep -Eo "<title>$ZERO \(" "$T/on.svg" | head -n 1 | sed 's/<title>//; s/ ($//')
	[ -n "$leaf" ]
	# zoom on the read frame and search for vfs_read once init() has run
	sed "s#</svg>#<script><![CDATA[var init0 = init; init = function (e) { init0(e);\
 var gs = frames.children; for (var i = 0; i < gs.length; i++)\
 if (name_of(gs[i]) === '$leaf') { zoom(gs[i]); break; } search('^vfs_read\$'); };]]></script></svg>#" \
		"$T/on.svg" > "$T/zoom.svg"
	run chromium_run --dump-dom "$T/zoom.svg"
	[ "$status" -eq 0 ]
	# the zoomed frame spans the width, its parents too (faded), Reset Zoom shows
	echo "$output" | grep -Eq "<title>$leaf \([^<]*</title><rect x=\"10.0\" y=\"[0-9]+\" width=\"1180.0\""
	echo "$output" | grep -Eq '<g [^>]*class="parent"><title>vfs_read \([^<]*</title><rect x="10.0" [^>]*width="1180.0" [^>]*fill="rgb\(230,0,230\)"'
	echo "$output" | grep -q '<text id="unzoom" class="" x="10" y="24">Reset Zoom</text>'
	# Matched sums every vfs_read frame's samples (they never nest) over
	# all's, to one decimal: rounding the titles' two decimals again
	# would be off by 0.1 where a title ends in 5
	want=$(awk -F'"' '/<title>vfs_read \(/ { m += $4 } /<title>all \(/ { a = $4 }
		END { printf "%.1f", 100 * m / a }' "$T/on.svg")
	echo "$output" | grep -q "<text id=\"matched\" class=\"\" x=\"1190\" y=\"[0-9]*\">Matched: $want%</text>"
}

@test "offcpu -c 'sleep 1' --svg: nanosleep frames worth ~1e9 ns, renders" {
	require_root
	run --separate-stderr "$BUILD/offcpu" --ns --svg "$T/off.svg" -c 'sleep 1'
	[ "$status" -eq 0 ]
	[[ "$output" =~ sleep\]:\ [0-9]+ ]]
	xmllint --noout "$T/off.svg"
	t=$(grep -Eo '<title>do_nanosleep \([0-9,]+ ns, [0-9.]+%\)</title>' "$T/off.svg")
	n=$(echo "$t" | sed -E 's/.*\(([0-9,]+) ns.*/\1/' | tr -d ,)
	[ "$n" -ge 900000000 ]
	[ "$n" -le 1100000000 ]
	grep -Eq '<title>sleep \([0-9,]+ ns, [0-9.]+%\)</title>' "$T/off.svg"
	require_chromium
	run shot "$T/off.svg"
	echo "$output"
	[[ "$output" =~ ^1200x800\ colors=([0-9]+)\ warm=([0-9]+)$ ]]
	[ "${BASH_REMATCH[1]}" -ge 50 ]
	[ "${BASH_REMATCH[2]}" -ge 60000 ]
}

@test "offcpu --folded: the sleep line, no tracer BPF frames" {
	require_root
	run --separate-stderr "$BUILD/offcpu" --folded -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -Eq '^sleep;entry_SYSCALL_64_after_hwframe;do_syscall_64;__x64_sys_clock_nanosleep;([^ ]+;)?hrtimer_nanosleep;do_nanosleep;schedule;__schedule [0-9]+$'
	run ! grep -Eq '(^|;)(bpf_prog_[0-9a-f]{16}|bpf_trampoline_[0-9]+|bpf_trace_run[0-9])' <<<"$output"
}

@test "offwake --svg: the sleeper's frames and the waker's after a -- frame" {
	require_root
	run --separate-stderr "$BUILD/offwake" --svg "$T/wake.svg" -c 'sleep 1'
	[ "$status" -eq 0 ]
	xmllint --noout "$T/wake.svg"
	grep -Eq '<title>do_nanosleep \([0-9,]+ us, [0-9.]+%\)</title>' "$T/wake.svg"
	grep -Eq '<title>-- \([0-9,]+ us, [0-9.]+%\)</title><rect [^>]*fill="rgb\(160,160,160\)"' "$T/wake.svg"
	grep -Eq '<title>hrtimer_wakeup \([0-9,]+ us, [0-9.]+%\)</title>' "$T/wake.svg"
}

@test "kmallocstack --svg: allocations by command and stack" {
	require_root
	run --separate-stderr "$BUILD/kmallocstack" --svg "$T/km.svg" -c 'cat /proc/1/mountinfo'
	[ "$status" -eq 0 ]
	xmllint --noout "$T/km.svg"
	grep -Eq '<title>cat \([0-9,]+ allocations, [0-9.]+%\)</title>' "$T/km.svg"
	grep -Eq '<title>seq_read_iter \([0-9,]+ allocations, [0-9.]+%\)</title>' "$T/km.svg"
}

@test "--svg: an unwritable file exits 1 naming it; -j with --svg exits 2" {
	require_root
	run --separate-stderr "$BUILD/oncpu" --svg "$T/no/such/dir.svg" -c true
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "oncpu: error: cannot write $T/no/such/dir.svg: No such file or directory" ]
	run --separate-stderr "$BUILD/offcpu" -j --svg "$T/x.svg" 1
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: -j cannot be combined with --folded or --svg" ]
	[ ! -e "$T/x.svg" ]
}
