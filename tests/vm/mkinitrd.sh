#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the VM suite's initramfs as two lz4 cpio archives the kernel unpacks
# one after the other (lz4 unpacks fastest under TCG):
#   VMDIR/base.cpio.lz4  busybox, the shared libraries of bt and the tools
#                        (ldd + the ELF interpreter; libLLVM alone is ~130 MB),
#                        the kernel modules, System.map. Rebuilt when stale.
#   VMDIR/app.cpio.lz4   bt, the tools, share/, the seed scripts, tests/vm/t,
#                        /init and the test helpers (vmtarget, vm-attached).
#                        Rebuilt every run.
# Usage: mkinitrd.sh BUILD VMDIR SEED_DIR
set -eu
build=$(cd "$1" && pwd)
vm=$(cd "$2" && pwd)
seed=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
k=$vm/kernel
rel=$(cat "$k/release")
bins="$build/bt"
for t in openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch; do
	[ -x "$build/$t" ] && bins="$bins $build/$t"
done
for so in "$build"/*.so; do # bt-codegen.so (dlopen'ed; LLVM is linked in, or libLLVM.so via ldd)
	[ -f "$so" ] && bins="$bins $so"
done
bins="$bins $vm/vmtarget ${BT_VM_EXTRA:-}"  # BT_VM_EXTRA: more binaries, for debugging

cpio_lz4() { # DIR OUT
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
		lz4 -l -1 -q -f - "$2.tmp" && mv "$2.tmp" "$2"
}

# --- base: rebuilt when its inputs changed (library list, kernel, busybox)
libs=$(ldd $bins 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.* \(0x/ { print $1 }' | sort -u)
key=$({ echo "$rel"; stat -L -c '%n %s %Y' $libs "$(command -v busybox)" "$k"/modules/* \
	"$k/System.map" "$0"; } 2>/dev/null | md5sum | cut -d' ' -f1)
if [ ! -s "$vm/base.cpio.lz4" ] || [ "$(cat "$vm/base.key" 2>/dev/null)" != "$key" ]; then
	r=$vm/base.root
	rm -rf "$r"
	mkdir -p "$r/bin" "$r/lib/modules" "$r/boot"
	cp "$(command -v busybox)" "$r/bin/busybox"
	for l in $libs; do
		real=$(readlink -f "$l")
		mkdir -p "$r$(dirname "$l")"
		cp "$real" "$r$l"
	done
	cp "$k"/modules/*.ko "$r/lib/modules/"
	# the C library's and the kernel's UAPI headers, as a Debian box with
	# libc6-dev has them: bt reads their macros, bpftrace (golden runs) parses them
	mkdir -p "$r/usr/include"
	for h in /usr/include/*.h /usr/include/x86_64-linux-gnu /usr/include/linux /usr/include/asm-generic; do
		[ -e "$h" ] && cp -a "$h" "$r/usr/include/"
	done
	[ -s "$k/System.map" ] && cp "$k/System.map" "$r/boot/System.map-$rel"
	cpio_lz4 "$r" "$vm/base.cpio.lz4"
	rm -rf "$r"
	echo "$key" > "$vm/base.key"
fi

# --- app
r=$vm/app.root
rm -rf "$r"
mkdir -p "$r/bt/build" "$r/bt/share" "$r/seed" "$r/t" "$r/usr/local/bin"
for b in $bins; do
	case $b in
	"$vm"/*) cp "$b" "$r/usr/local/bin/" ;;
	"$build"/*) cp "$b" "$r/bt/build/" ;;
	*) cp "$b" "$r/usr/local/bin/" ;;
	esac
done
cp -r "$src/share/." "$r/bt/share/"
[ -d "$seed" ] && cp "$seed"/*.bt "$r/seed/"
# bpftrace 0.17's tools (Debian's bpftrace package) for the golden tests
if ls /usr/sbin/*.bt >/dev/null 2>&1; then
	mkdir -p "$r/bpftools" && cp /usr/sbin/*.bt "$r/bpftools/"
fi
cp "$src"/tests/vm/t/*.sh "$r/t/"
cp "$src/tests/vm/init" "$r/init"
cp "$src/tests/vm/attached" "$r/usr/local/bin/vm-attached"
chmod 755 "$r/init"
cpio_lz4 "$r" "$vm/app.cpio.lz4"
rm -rf "$r"
cat "$vm/base.cpio.lz4" "$vm/app.cpio.lz4" > "$vm/initrd.img"
