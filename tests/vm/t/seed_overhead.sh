# SPDX-License-Identifier: GPL-2.0
# what: overhead.bt's three k:write_null variants (the bench measures their cost; here they must be right): 1000 one-byte writes to /dev/null counted, keyed by kernel stack, and their enter->return latency as a hist of 1000
# timeout: 90
# expect: ^@v1: 1000$
# expect: ^ +vfs_write\+[0-9]+$
# expect: ^\]: 1000$
# expect: ^@v3: $
# assert: awk '/^@v3:/ { h = 1; next } h && /^\[/ { sub(/^[^)]*\)[ \t]*/, ""); s += $1 } END { exit s != 1000 }' "$out"
for v in 1 2 3; do
	bt -D V=$v -c 'dd if=/dev/zero of=/dev/null bs=1 count=1000' /seed/overhead.bt
done
