# SPDX-License-Identifier: GPL-2.0
# what: bpftrace 0.17's kprobe tools (Debian's /usr/sbin/*.bt) run with -c true: accepted or refused, probes attached and first line as bpftrace 0.17
# golden
# timeout: 300
# Their events are live (pids, times), so the first two lines are compared:
# "Attaching N probes..." and the header. A refusal is compared as one:
# bpftrace 0.17 exits 255 or 1 where bt exits 1 (bt-language(7)).
[ -d /bpftools ] || { echo "SKIP: no /usr/sbin/*.bt on the host (Debian's bpftrace package)"; exit 0; }
for t in biolatency biosnoop biostacks capable dcsnoop loads mdflush oomkill swapin \
	tcpaccept tcpconnect tcplife tcpretrans tcpsynbl undump vfscount vfsstat xfsdist; do
	if $BT "/bpftools/$t.bt" -c true > /tmp/o 2>/dev/null; then
		echo "$t: ran"
		head -n 2 /tmp/o
	else
		echo "$t: refused"
	fi
done
