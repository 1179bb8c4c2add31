#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's stock kernel (the package linux-image-amd64 depends on) into
# VMDIR once: VMDIR/kernel/{vmlinux,System.map,config,modules/,release}.
# vmlinux is the ELF kernel taken out of the bzImage (scripts/extract-vmlinux:
# find the compressed payload's magic, decompress): qemu boots it ~8 s faster.
# Usage: kernel.sh VMDIR. Exit 0: ready; else prints why on stderr.
set -u
vm=$(mkdir -p "$1" && cd "$1" && pwd) || exit 1
k=$vm/kernel
[ -s "$k/vmlinux" ] && [ -s "$k/release" ] && exit 0
command -v apt-cache >/dev/null || { echo "no apt-cache (not Debian)" >&2; exit 1; }
kpkg() {
	apt-cache depends "${BT_VM_KERNEL:-linux-image-amd64}" 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}
# package lists missing (fresh image) or stale (the version left the mirror): update once
updated=""
update() { [ -z "$updated" ] && [ "$(id -u)" -eq 0 ] && updated=1 && apt-get update -qq >/dev/null 2>&1; }
pkg=$(kpkg)
[ -n "$pkg" ] || { update && pkg=$(kpkg); }
[ -n "$pkg" ] || { echo "apt-cache knows no linux-image-amd64" >&2; exit 1; }
mkdir -p "$vm/deb" && cd "$vm/deb" || exit 1
ls "$pkg"_*.deb >/dev/null 2>&1 || apt-get download -q "$pkg" >/dev/null 2>&1 ||
	{ update && pkg=$(kpkg) && apt-get download -q "$pkg" >/dev/null 2>&1; } ||
	{ echo "apt-get download $pkg failed" >&2; exit 1; }
deb=$(ls "$pkg"_*.deb | head -n 1)
rm -rf "$k.tmp" && mkdir -p "$k.tmp" || exit 1
dpkg -x "$deb" "$k.tmp/root" || { echo "dpkg -x $deb failed" >&2; exit 1; }
rel=${pkg#linux-image-}
bz=$k.tmp/root/boot/vmlinuz-$rel
[ -f "$bz" ] || { echo "$deb has no boot/vmlinuz-$rel" >&2; exit 1; }
# compressed payload: try each format the kernel may use, keep the first ELF
for m in 'xz:\xfd7zXZ\x00' 'gzip:\x1f\x8b\x08' 'zstd:\x28\xb5\x2f\xfd' 'lz4:\x02\x21\x4c\x18'; do
	tool=${m%%:*}
	command -v "${tool%% *}" >/dev/null || continue
	for off in $(LC_ALL=C grep -obUaP "${m#*:}" "$bz" | cut -d: -f1 | head -n 3); do
		case $tool in
		lz4) dec="lz4 -dc" ;;
		*) dec="$tool -dcq" ;;
		esac
		tail -c +$((off + 1)) "$bz" | $dec > "$k.tmp/vmlinux" 2>/dev/null
		if [ "$(head -c 4 "$k.tmp/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ]; then
			break 2
		fi
	done
done
[ -s "$k.tmp/vmlinux" ] || { echo "no ELF vmlinux found inside $bz" >&2; exit 1; }
r=$k.tmp/root
mkdir -p "$k.tmp/modules"
cp "$r/boot/config-$rel" "$k.tmp/config" || exit 1
# Debian's /boot/System.map is a one-line placeholder ("The real System.map is
# in the linux-image-<version>-dbg package"): take the real one from -dbg
# (it is near the start of that 850 MB package's data; the .deb is not kept)
if [ "$(wc -l < "$r/boot/System.map-$rel")" -gt 1000 ]; then
	cp "$r/boot/System.map-$rel" "$k.tmp/System.map"
elif [ "${BT_VM_SYSMAP:-1}" = 1 ] && apt-get download -q "$pkg-dbg" >/dev/null 2>&1; then
	dpkg-deb --fsys-tarfile "$pkg"-dbg_*.deb 2>/dev/null | tar -xO --occurrence=1 \
		"./usr/lib/debug/boot/System.map-$rel" > "$k.tmp/System.map" 2>/dev/null
	rm -f "$pkg"-dbg_*.deb
fi
[ "$(wc -l < "$k.tmp/System.map" 2>/dev/null || echo 0)" -gt 1000 ] ||
	echo "no System.map for $rel (from $pkg-dbg): the System.map tests will skip" >&2
for m in fs/configfs/configfs.ko drivers/block/null_blk/null_blk.ko; do
	f=$(ls "$r/lib/modules/$rel/kernel/$m"* 2>/dev/null | head -n 1)
	[ -n "$f" ] || { echo "no $m in $deb" >&2; exit 1; }
	case $f in
	*.xz) xz -dc "$f" ;;
	*.zst) zstd -dcq "$f" ;;
	*) cat "$f" ;;
	esac > "$k.tmp/modules/$(basename "$m")" || exit 1
done
rm -rf "$r"
echo "$rel" > "$k.tmp/release"
rm -rf "$k" && mv "$k.tmp" "$k"
