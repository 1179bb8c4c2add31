#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Regenerates the golden files from the real bpftrace 0.17 (root needed):
#   sh tests/golden/gen.sh   (from the repo root)
# Each file is bpftrace's stdout as is; tests/unit/test_output.c feeds the same
# values to bt's printers as made-up map entries and compares byte for byte.
cd "$(dirname "$0")" || exit 1
run() { out=$1; shift; bpftrace "$@" 2>/dev/null > "$out"; }

run hist.txt -e 'BEGIN { @h = hist(0); @h = hist(1); @h = hist(2); @h = hist(3); @h = hist(4);
@h = hist(1023); @h = hist(1024); @h = hist(1048576); @h = hist(-5); @h = hist(-1);
@h = hist(1073741824); @h = hist(2147483648); @h = hist(2147483648);
@k[1] = hist(5); @k[2] = hist(100); @k[2] = hist(100); @k[2] = hist(3); @k[3] = hist(3000000000);
exit(); }'

run lhist.txt -e 'BEGIN { @l = lhist(-1, 0, 10, 1); @l = lhist(0, 0, 10, 1); @l = lhist(5, 0, 10, 1);
@l = lhist(10, 0, 10, 1); @l = lhist(20, 0, 10, 1);
@k = lhist(2048, 2048, 4096, 1024); @k = lhist(3000, 2048, 4096, 1024);
@k = lhist(5000, 2048, 4096, 1024); @k = lhist(100, 2048, 4096, 1024);
@m = lhist(3145728, 0, 4194304, 1048576); @n = lhist(5, 0, 100, 10); @n = lhist(55, 0, 100, 10);
@p = lhist(9, 0, 10, 3); @p = lhist(10, 0, 10, 3); @p = lhist(8, 0, 10, 3);
@q["a", 1] = lhist(100, 1024, 5120, 1024); @q["a", 1] = lhist(1024, 1024, 5120, 1024);
@q["b", 2] = lhist(9000, 1024, 5120, 1024);
exit(); }'

run stats.txt -e 'BEGIN { @s = stats(-7); @s = stats(2); @a = avg(-7); @a = avg(2);
@b[1] = avg(5); @b[2] = avg(-3); @b[3] = avg(10); @c[1] = stats(5); @c[2] = stats(-3);
@c[3] = stats(100); @c[3] = stats(51); exit(); }'

run count.txt -e 'BEGIN { @c["x", 1] = count(); @c["y", 2] = count(); @c["y", 2] = count();
@c["z", 3] = count(); @c["z", 3] = count(); @c["z", 3] = count(); @n = count();
@s[1] = sum(-10); @s[2] = sum(30); @s[3] = sum(5); @m = min(-3); @mm[5] = min(7); @mm[6] = min(2);
@x = max(5); @xx["a"] = max(10); @xx["b"] = max(1); exit(); }'

run values.txt -e 'BEGIN { @s = "str"; @t = (1, "a"); @tt[1, "x"] = (1, "ab", (2, "c"));
@v[-1] = "a"; @v[5] = "b"; @v[3] = "c"; @w["b", 2] = "x"; @w["a", 3] = "y"; @w["b", 1] = "z";
@w["a", 1] = "w"; @i[7] = -5; @i[8] = 9; @i[9] = 0; exit(); }'

run print.txt -e 'BEGIN { @c[1] = count(); @c[2] = count(); @c[2] = count(); @c[3] = count();
@c[3] = count(); @c[3] = count(); @s["a"] = sum(10); @s["b"] = sum(30); @s["c"] = sum(20);
print(@c, 2); print(@s, 0, 10); print(@s, 1, 10); @h[1] = hist(3); @h[2] = hist(3);
@h[2] = hist(300); @h[2] = hist(300); print(@h, 1, 2); @a[1] = avg(10); @a[2] = avg(20);
print(@a, 1, 3); @st[1] = stats(10); @st[2] = stats(20); print(@st, 1, 3); clear(@c); clear(@s);
clear(@h); clear(@a); clear(@st); exit(); }'

run json.txt -f json -e 'BEGIN { @l = lhist(-1, 0, 10, 3); @l = lhist(10, 0, 10, 3);
@l = lhist(8, 0, 10, 3); @c[1] = count(); @c[2] = count(); @c[2] = count(); @s["a"] = sum(10);
@s["b"] = sum(30); print(@c, 1); print(@s, 0, 10); @h[1] = hist(3); @h[2] = hist(-3);
@h[2] = hist(0); @h[2] = hist(1); @g = hist(300); print(@h, 1, 2); @a[1] = avg(10);
@a[2] = avg(20); @st[1] = stats(10); @st[2] = stats(20); @z = stats(3);
@t[1, "x"] = (1, "a\"b\n"); @m = min(-4); @x = max(4); @str = "q\tr"; @e[1] = count(); clear(@e);
@p[probe] = 1; printf("a\"b\n"); exit(); }'

run printf.txt -e 'BEGIN { printf("a%%b %d %%\n", 5); printf("100%%\n");
printf("%d|%ld|%lld|%hd|%hhd|%lu|%llx|%lX|%o|%5.3d|%-8s|%c|%p|%08x|%-08d|%zd|%jd|%td\n", -1, -1, -1,
70000, 300, -1, -1, 255, 8, 7, "abc", 0x41424344, 4096, 255, 5, -1, -1, -1);
printf("%lld %llu %u\n", 0x8000000000000000, 0x8000000000000000, 0x8000000000000000);
printf("%d %d\n", 4294967296, 2147483648); printf("%hu %hhu %hx %hhx\n", -1, -1, -1, -1);
printf("%x %X %o %p|%d|%u\n", -1, -1, -1, -1, (int8)-1, (uint32)-1);
printf("%05s|%05c|%-5s|%.1s|%5.1s|%.0d|%.3x|%-05x|%08p|%p|%5p|\n", "ab", 65, "cd", "xyz", "xyz",
0, 5, 10, 4096, 0, 1); printf("%s|%s|%10s|%-10s|\n", probe, "", "ab", "cd"); exit(); }'
