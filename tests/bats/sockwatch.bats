#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# sockwatch: follow one TCP socket's struct tcp_sock fields (seed sock_read.bt).
load helpers

SW="$BUILD/sockwatch"

# A loopback connection 127.0.0.1:CPORT -> 127.0.0.1:SPORT; the client sends
# 100 bytes every 0.1 s for $3 seconds. Sets GEN_PID.
start_conn() {
	cat >"$BATS_TEST_TMPDIR/gen.py" <<'PY'
import socket, sys, threading, time
sport, cport, secs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", sport))
srv.listen(1)
def sink():
    c, _ = srv.accept()
    while c.recv(65536):
        pass
threading.Thread(target=sink, daemon=True).start()
cl = socket.socket()
cl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
cl.bind(("127.0.0.1", cport))
cl.connect(("127.0.0.1", sport))
end = time.time() + secs
while time.time() < end:
    cl.send(b"x" * 100)
    time.sleep(0.1)
PY
	python3 "$BATS_TEST_TMPDIR/gen.py" "$1" "$2" "$3" &
	GEN_PID=$!
}

ports() {
	SPORT=$((20000 + RANDOM % 20000))
	CPORT=$((SPORT + 1))
}

@test "sockwatch: follows a loopback connection, names the process, data segs out grows" {
	require_root
	command -v python3 >/dev/null || skip "no python3"
	ports
	start_conn "$SPORT" "$CPORT" 6
	run --separate-stderr timeout 10 "$SW" --sport "$CPORT" --dport "$SPORT" \
		--saddr 127.0.0.1 --daddr 127.0.0.1 1 3
	wait "$GEN_PID"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	[ "${lines[1]}" = "got sk from python3/$GEN_PID" ]
	[ "$(printf '%s\n' "$output" | grep -Ec '^data segs out [0-9]+ una [0-9]+ wnd [0-9]+$')" -eq 3 ]
	printf '%s\n' "$output" | sed -n 's/^data segs out \([0-9]*\) .*/\1/p' |
		awk 'NR > 1 && $1 <= prev { exit 1 } { prev = $1 }'
}

@test "sockwatch: --field prints FIELD VALUE pairs in order, --hex in hex, -p filters" {
	require_root
	command -v python3 >/dev/null || skip "no python3"
	ports
	start_conn "$SPORT" "$CPORT" 5
	run --separate-stderr timeout 10 "$SW" -p "$GEN_PID" --sport "$CPORT" \
		--field data_segs_out,snd_cwnd,srtt_us --hex 1 2
	wait "$GEN_PID"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	[ "${lines[1]}" = "got sk from python3/$GEN_PID" ]
	[ "$(printf '%s\n' "$output" | grep -Ec '^data_segs_out 0x[0-9a-f]+ snd_cwnd 0x[0-9a-f]+ srtt_us 0x[0-9a-f]+$')" -eq 2 ]
}

@test "sockwatch: the receiving side (server socket) is found too" {
	require_root
	command -v python3 >/dev/null || skip "no python3"
	ports
	start_conn "$SPORT" "$CPORT" 4
	run --separate-stderr timeout 10 "$SW" --sport "$SPORT" --field data_segs_out,bytes_received 1 2
	wait "$GEN_PID"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	[ "${lines[1]}" = "got sk from python3/$GEN_PID" ]
	printf '%s\n' "$output" | grep -Eq '^data_segs_out 0 bytes_received [1-9][0-9]*$'
}

@test "sockwatch: an unknown --field names close ones, exit 2" {
	run --separate-stderr "$SW" --field snd_wnx
	[ "$status" -eq 2 ]
	[[ "$(first_err)" == "sockwatch: struct tcp_sock has no field 'snd_wnx' (close: "*snd_wnd* ]]
	run --separate-stderr "$SW" --field inet_conn
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "sockwatch: field 'inet_conn' of struct tcp_sock is not a number" ]
}

@test "sockwatch: --dry-run loads; --kprobe fails with the engine's reason" {
	require_root
	run --separate-stderr "$SW" --dry-run --sport 22 --dport 42666 --saddr 10.0.0.1 \
		--daddr 10.0.0.2 --field snd_una,snd_wnd,repair -T --hex
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	if ! have_kprobes; then
		run --separate-stderr "$SW" --kprobe
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == "sockwatch.bt:"*"error: kprobe:tcp_sendmsg: "* ]]
	fi
}

@test "sockwatch: bad options exit 2" {
	# ARGS|the end of the first stderr line (argp puts the path before its own)
	while IFS="|" read -r args msg; do
		run --separate-stderr "$SW" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == *"$msg" ]] || { echo "$args: $stderr"; false; }
		[[ "$stderr" == *"Try \`sockwatch --help'"* ]]
	done <<'EOF'
--sport 0|sockwatch: invalid value '0' for --sport
--dport 65536|sockwatch: invalid value '65536' for --dport
--saddr 1.2.3|sockwatch: invalid IPv4 address '1.2.3' for --saddr
--daddr ::1|sockwatch: invalid IPv4 address '::1' for --daddr
--field a;b|sockwatch: invalid field name 'a;b' for --field
--field 1a|sockwatch: invalid field name '1a' for --field
--field ,|sockwatch: no field names in ',' for --field
0|sockwatch: invalid value '0' for interval
1 2 3|sockwatch: unexpected argument '3'
--bogus|sockwatch: unrecognized option '--bogus'
EOF
}

@test "sockwatch: rtt_us and rttvar_us are srtt_us >> 3 and mdev_us >> 2, in decimal" {
	require_root
	command -v python3 >/dev/null || skip "no python3"
	ports
	start_conn "$SPORT" "$CPORT" 5
	run --separate-stderr timeout 10 "$SW" --sport "$CPORT" \
		--field srtt_us,rtt_us,mdev_us,rttvar_us 1 2
	wait "$GEN_PID"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	n=0
	while read -r _ s _ r _ m _ v; do
		[ "$r" -eq $((s >> 3)) ]
		[ "$v" -eq $((m >> 2)) ]
		n=$((n + 1))
	done < <(printf '%s\n' "$output" | grep -E '^srtt_us [0-9]+ rtt_us [0-9]+ mdev_us [0-9]+ rttvar_us [0-9]+$')
	[ "$n" -eq 2 ]
	run --separate-stderr "$SW" --script --field rtt_us --hex
	[[ "$output" == *'printf("rtt_us 0x%x\n", (@tcp->srtt_us >> 3))'* ]]
	run --separate-stderr "$SW" -x
	[ "$status" -eq 2 ]
}
