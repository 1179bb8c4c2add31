#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VM suite: boot Debian 12's stock kernel (kprobes, fentry, KALLSYMS_ALL, BTF)
# under qemu TCG with a busybox initramfs holding bt, the tools and
# tests/vm/t/*.sh; run every test in one boot and assert on its output here.
# Ends in "vm: N passed, N failed, N skipped"; skips (with the reason) when
# qemu, busybox-static, cpio, lz4 or the kernel package cannot be had.
#
# A test tests/vm/t/NAME.sh is a busybox sh script run in the VM (PATH has bt
# and the tools; /seed holds ../shared/seed; /usr/local/bin/vmtarget). Its
# header comments say what its output must show:
#   # expect: ERE        some output line matches (each expect line)
#   # expect-not: ERE    no output line matches
#   # rc: N              exit status (default 0)
#   # assert: SH         shell code that must succeed; $out is the output file
#   # timeout: SECS      VM-side limit (default 30)
#   # golden             the output is byte for byte tests/vm/golden/KERNEL/NAME.out
#                        (KERNEL: $BT_VM_KERNEL or linux-image-amd64; the kernel
#                        release written @RELEASE@): what bpftrace 0.17 printed
#                        for the same script, recorded by tests/vm/golden.sh.
#                        Such a test runs its programs as $BT (bt; bpftrace there)
# A line "SKIP: reason" in its output makes it a skip.
# Environment: BT_BUILD (default build), BT_VM_ONLY=name,name (run a subset),
# BT_VM_BT (the $BT of golden tests), BT_VM_RECORD=1 (write their golden files):
# tests/vm/golden.sh sets these.
# The serial log stays at BUILD/vm/serial.log, each test's output in BUILD/vm/out/.
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
build=${BT_BUILD:-$root/build}
vm=$build/vm${BT_VM_KERNEL:+-$BT_VM_KERNEL}
seed=$root/../shared/seed
tests=$(ls tests/vm/t/*.sh 2>/dev/null)
ntests=$(echo "$tests" | grep -c .)
if [ -n "${BT_VM_ONLY:-}" ]; then
	ntests=$(echo "$BT_VM_ONLY" | tr ',' '\n' | grep -c .)
fi

skip_all() {
	echo "vm: skipped: $*"
	echo "vm: 0 passed, 0 failed, $ntests skipped"
	exit 0
}

for c in qemu-system-x86_64 busybox cpio lz4 xz apt-get dpkg timeout; do
	command -v "$c" >/dev/null || skip_all "no $c (make test-deps installs qemu-system-x86 busybox-static cpio lz4)"
done
busybox --list 2>/dev/null | grep -qx nc || skip_all "busybox has no nc"
ldd "$(command -v busybox)" 2>&1 | grep -q 'not a dynamic' ||
	skip_all "busybox is not static (install busybox-static)"
[ -x "$build/bt" ] || skip_all "no $build/bt (make all first)"
mkdir -p "$vm"
why=$(sh tests/vm/kernel.sh "$vm" 2>&1 >/dev/null) ||
	skip_all "cannot fetch Debian's kernel: $why"
${CC:-gcc} -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -o "$vm/vmtarget" tests/vm/vmtarget.c ||
	skip_all "cannot build tests/vm/vmtarget.c"
sh tests/vm/mkinitrd.sh "$build" "$vm" "$seed" || skip_all "cannot build the initramfs"

rel=$(cat "$vm/kernel/release")
log=$vm/serial.log
cmdline="console=ttyS0 quiet loglevel=1 panic=-1 ipv6.disable=1"
[ -n "${BT_VM_ONLY:-}" ] && cmdline="$cmdline bt_vm_only=$BT_VM_ONLY"
[ -n "${BT_VM_BT:-}" ] && cmdline="$cmdline bt_vm_bt=$BT_VM_BT"
echo "vm: booting $rel under qemu TCG ($ntests tests; log $log)"
start=$(date +%s)
rm -f "$log" "$log.txt" && : > "$log"
timeout 720 qemu-system-x86_64 -accel tcg -cpu max -m 2G -smp 2 \
	-kernel "$vm/kernel/vmlinux" -initrd "$vm/initrd.img" -append "$cmdline" \
	-nographic -no-reboot -monitor none -serial "file:$log" </dev/null >/dev/null 2>&1
qrc=$?
echo "vm: qemu exited $qrc after $(($(date +%s) - start)) s"
tr -d '\r' < "$log" > "$log.txt"

# split the log into one output file per test
out=$vm/out
rm -rf "$out" && mkdir -p "$out"
awk -v dir="$out" '
	/^@@VM BEGIN / { name = $3; f = dir "/" name ".out"; printf "" > f; next }
	/^@@VM END / { if (name != "") { close(f); print $4 " " $5 > (dir "/" name ".rc"); close(dir "/" name ".rc") }
		name = ""; next }
	name != "" { print > f }
' "$log.txt"
if ! grep -q '^@@VM DONE' "$log.txt"; then
	echo "vm: the VM did not finish its run (qemu exit $qrc; 124: the 720 s limit); the log ends:"
	tail -n 5 "$log.txt" | sed 's/^/    /'
fi

# a golden test's output as recorded: the kernel release written @RELEASE@
golden() { awk -v r="$rel" '{ while ((i = index($0, r)) > 0) $0 = substr($0, 1, i - 1) "@RELEASE@" substr($0, i + length(r)); print }' "$1"; }

pass=0 fail=0 skipped=0
for t in $tests; do
	name=${t##*/}
	name=${name%.sh}
	if [ -n "${BT_VM_ONLY:-}" ]; then
		case ",$BT_VM_ONLY," in *",$name,"*) ;; *) continue ;; esac
	fi
	o=$out/$name.out
	reason=""
	if [ ! -f "$out/$name.rc" ]; then
		reason="did not finish in the VM"
	elif grep -q '^SKIP: ' "$o"; then
		echo "skip $name: $(sed -n 's/^SKIP: //p' "$o" | head -n 1)"
		skipped=$((skipped + 1))
		continue
	else
		rc=$(sed 's/^rc=\([0-9]*\).*/\1/' "$out/$name.rc")
		want=$(sed -n 's/^# rc: *//p' "$t" | head -n 1)
		[ "$rc" = "${want:-0}" ] || reason="exit status $rc, want ${want:-0}"
		while [ -z "$reason" ] && IFS= read -r re; do
			grep -Eq -- "$re" "$o" || reason="no line matches /$re/"
		done <<-EOF
		$(sed -n 's/^# expect: //p' "$t")
		EOF
		while [ -z "$reason" ] && IFS= read -r re; do
			[ -n "$re" ] || continue
			grep -Eq -- "$re" "$o" && reason="a line matches /$re/: $(grep -E -m1 -- "$re" "$o")"
		done <<-EOF
		$(sed -n 's/^# expect-not: //p' "$t")
		EOF
		while [ -z "$reason" ] && IFS= read -r code; do
			[ -n "$code" ] || continue
			(out=$o; eval "$code") >/dev/null 2>&1 || reason="failed: $code"
		done <<-EOF
		$(sed -n 's/^# assert: //p' "$t")
		EOF
		g=tests/vm/golden/${BT_VM_KERNEL:-linux-image-amd64}/$name.out
		if [ -z "$reason" ] && grep -q '^# golden$' "$t"; then
			if [ -n "${BT_VM_RECORD:-}" ]; then
				mkdir -p "${g%/*}" && golden "$o" > "$g"
				echo "recorded $g"
			elif [ ! -f "$g" ]; then
				reason="no $g (tests/vm/golden.sh records it)"
			elif ! golden "$o" | cmp -s - "$g"; then
				reason="output differs from bpftrace 0.17's ($g):"
				golden "$o" | diff -u "$g" - | tail -n +3 > "$o.diff"
				o=$o.diff
			fi
		fi
	fi
	if [ -z "$reason" ]; then
		echo "ok $name, $(sed 's/.*ms=//' "$out/$name.rc") ms: $(sed -n 's/^# what: //p' "$t" | head -n 1)"
		pass=$((pass + 1))
	else
		echo "FAIL $name: $reason"
		[ -f "$o" ] && head -n 40 "$o" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "vm: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
