#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Metrics mode (--metrics, --metrics-file): maps served to a real Prometheus
# server (Debian's prometheus), the textfile read by a real node_exporter,
# checked with promtool. Every server listens on 127.0.0.1 only, runs for a
# bounded time and is killed in teardown.
load helpers

BL="$BUILD/biolat"

setup() {
	PIDS=()
}

teardown() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
}

require_prometheus() {
	command -v prometheus >/dev/null && command -v promtool >/dev/null ||
		skip "Debian's prometheus is not installed (make test-deps installs it)"
	command -v curl >/dev/null || skip "curl is not installed"
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_exporter NAME CMD...: runs CMD (a --metrics HOST:0 exporter) for at
# most 60 s, waits for its "serving metrics at" line; sets PORT, PID (the
# timeout wrapper's) and CHILD (the exporter's, for signals).
start_exporter() {
	local name=$1 i
	shift
	timeout 60 "$@" >"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" &
	PID=$!
	PIDS+=("$PID")
	for i in $(seq 100); do
		PORT=$(sed -n 's|.*serving metrics at http://127\.0\.0\.1:\([0-9]*\)/metrics$|\1|p' \
			"$BATS_TEST_TMPDIR/$name.err")
		if [ -n "$PORT" ]; then
			CHILD=$(pgrep -P "$PID")
			return 0
		fi
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$BATS_TEST_TMPDIR/$name.err"
	return 1
}

# scrape PORT [curl args]: the /metrics text
scrape() {
	local port=$1
	shift
	curl -sf --max-time 5 "$@" "http://127.0.0.1:$port/metrics"
}

# prom_query EXPR: the first result's value, or nothing
prom_query() {
	curl -sf --max-time 5 --get --data-urlencode "query=$1" \
		"http://127.0.0.1:$PROM_PORT/api/v1/query" |
		python3 -c 'import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if r else "")'
}

# wait_value EXPR VALUE: up to 20 s until EXPR is VALUE
wait_value() {
	local v i
	for i in $(seq 40); do
		v=$(prom_query "$1" 2>/dev/null) || v=
		[ "$v" = "$2" ] && return 0
		sleep 0.5
	done
	echo "$1 is '$v', not '$2'" >&2
	return 1
}

# wait_query EXPR: up to 20 s until EXPR has a result; prints it
wait_query() {
	local v i
	for i in $(seq 40); do
		v=$(prom_query "$1" 2>/dev/null) || v=
		[ -n "$v" ] && { echo "$v"; return 0; }
		sleep 0.5
	done
	echo "no result for $1" >&2
	return 1
}

@test "metrics: Prometheus scrapes biolat, a bt one-liner and the textfile; the disk's histogram grows" {
	require_root
	require_prometheus
	command -v prometheus-node-exporter >/dev/null ||
		skip "prometheus-node-exporter is not installed (make test-deps installs it)"
	find_disk
	start_exporter biolat "$BL" --metrics 127.0.0.1:0
	BPORT=$PORT
	start_exporter bt "$BT" --metrics 127.0.0.1:0 --label-names comm \
		-e 'tracepoint:raw_syscalls:sys_enter /comm == "dd"/ { @calls[comm] = count(); }'
	TPORT=$PORT
	mkdir "$BATS_TEST_TMPDIR/textfile"
	timeout 60 "$BT" --metrics-file "$BATS_TEST_TMPDIR/textfile/bt.prom" --interval 1 \
		-e 'interval:ms:100 { @ticks = count(); }' >/dev/null 2>&1 &
	PIDS+=($!)
	NPORT=$(free_port)
	timeout 60 prometheus-node-exporter --web.listen-address="127.0.0.1:$NPORT" \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$BATS_TEST_TMPDIR/textfile" \
		>"$BATS_TEST_TMPDIR/node.log" 2>&1 &
	PIDS+=($!)
	PROM_PORT=$(free_port)
	cat >"$BATS_TEST_TMPDIR/prometheus.yml" <<-EOF
	global:
	  scrape_interval: 1s
	  scrape_timeout: 1s
	  evaluation_interval: 1s
	scrape_configs:
	  - job_name: biolat
	    static_configs: [{targets: ['127.0.0.1:$BPORT']}]
	  - job_name: bt
	    static_configs: [{targets: ['127.0.0.1:$TPORT']}]
	  - job_name: node
	    static_configs: [{targets: ['127.0.0.1:$NPORT']}]
	EOF
	timeout 60 prometheus --config.file="$BATS_TEST_TMPDIR/prometheus.yml" \
		--storage.tsdb.path="$BATS_TEST_TMPDIR/tsdb" \
		--web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn \
		>"$BATS_TEST_TMPDIR/prometheus.log" 2>&1 &
	PIDS+=($!)

	# every target up
	wait_value 'sum(up{job=~"biolat|bt|node"})' 3
	# IO before the first scrape of the disk's series is all right too: compare to 0
	before=$(prom_query "sum(bt_biolat_dist_seconds_count{job=\"biolat\",disk=\"$DISK\"})")
	dd if=/dev/zero of="$DIR/metrics.dat" bs=4k count=200 oflag=direct 2>/dev/null
	rm -f "$DIR/metrics.dat"
	sleep 3
	after=$(wait_query "sum(bt_biolat_dist_seconds_count{job=\"biolat\",disk=\"$DISK\"})")
	echo "before=$before after=$after"
	[ "${after%.*}" -ge $(( ${before:-0} + 200 )) ]
	# cumulative le buckets: +Inf holds every request, a finite bucket some
	# (one query: both series come from the same scrape)
	sel="job=\"biolat\",disk=\"$DISK\""
	[ "$(prom_query "sum(bt_biolat_dist_seconds_bucket{$sel,le=\"+Inf\"}) - sum(bt_biolat_dist_seconds_count{$sel})")" = 0 ]
	[ -n "$(prom_query "histogram_quantile(0.5, bt_biolat_dist_seconds_bucket{job=\"biolat\",disk=\"$DISK\"}) > 0")" ]
	# the one-liner's counter, its label named by --label-names
	[ "$(wait_query 'bt_bt_calls_total{job="bt",comm="dd"} > 0')" -gt 0 ]
	# the textfile, through node_exporter
	[ "$(wait_query 'bt_bt_ticks_total{job="node"} > 0')" -gt 0 ]
	# self metrics: the probe ran, its run time is counted
	[ -n "$(wait_query 'bt_self_probe_runs_total{job="biolat",probe="rawtracepoint:block_rq_complete"} > 0')" ]
}

@test "metrics: promtool check metrics passes; OpenMetrics when asked" {
	require_root
	require_prometheus
	find_disk
	start_exporter biolat "$BL" --metrics 127.0.0.1:0
	dd if=/dev/zero of="$DIR/metrics.dat" bs=4k count=50 oflag=direct 2>/dev/null
	rm -f "$DIR/metrics.dat"
	scrape "$PORT" >"$BATS_TEST_TMPDIR/text"
	run promtool check metrics <"$BATS_TEST_TMPDIR/text"
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q "^# TYPE bt_biolat_dist_seconds histogram$" "$BATS_TEST_TMPDIR/text"
	grep -Eq "^bt_biolat_dist_seconds_bucket\{disk=\"$DISK\",le=\"\+Inf\"\} [0-9]+$" \
		"$BATS_TEST_TMPDIR/text"
	grep -Eq "^bt_biolat_stat_seconds_count\{disk=\"$DISK\"\} [0-9]+$" "$BATS_TEST_TMPDIR/text"
	grep -q '^# HELP bt_biolat_dist_seconds bt map @dist, hist() in rawtracepoint:block_rq_complete;' \
		"$BATS_TEST_TMPDIR/text"
	# the internal @__start map is not exported
	run ! grep -q "__start" <(grep -v '^bt_self' "$BATS_TEST_TMPDIR/text")
	# OpenMetrics: content type, # UNIT, # EOF last
	scrape "$PORT" -D "$BATS_TEST_TMPDIR/headers" \
		-H 'Accept: application/openmetrics-text;version=1.0.0,text/plain;q=0.5' \
		>"$BATS_TEST_TMPDIR/om"
	grep -qi '^Content-Type: application/openmetrics-text; version=1.0.0' "$BATS_TEST_TMPDIR/headers"
	grep -q '^# UNIT bt_biolat_dist_seconds seconds$' "$BATS_TEST_TMPDIR/om"
	[ "$(tail -n 1 "$BATS_TEST_TMPDIR/om")" = "# EOF" ]
	grep -q '^# TYPE bt_self_probe_runs counter$' "$BATS_TEST_TMPDIR/om"
	# no OpenMetrics without asking
	scrape "$PORT" -D "$BATS_TEST_TMPDIR/headers" >/dev/null
	grep -qi '^Content-Type: text/plain; version=0.0.4' "$BATS_TEST_TMPDIR/headers"
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/nope")" = 404 ]
}

@test "metrics: maps named @__* are internal: never exported, even when they hold values" {
	require_root
	start_exporter bt "$BT" --metrics 127.0.0.1:0 \
		-e 'interval:ms:100 { @__hidden[1] = count(); @shown[1] = count(); }'
	for _ in $(seq 50); do
		scrape "$PORT" >"$BATS_TEST_TMPDIR/text"
		grep -q '^bt_bt_shown_total{' "$BATS_TEST_TMPDIR/text" && break
		sleep 0.1
	done
	cat "$BATS_TEST_TMPDIR/text"
	grep -Eq '^bt_bt_shown_total\{[^}]*\} [1-9][0-9]*$' "$BATS_TEST_TMPDIR/text"
	# (bt's own bt_self_map_* series name every map, @__hidden too)
	run ! grep -q 'hidden' <(grep -v '^bt_self_' "$BATS_TEST_TMPDIR/text")
}

@test "metrics: SIGHUP keeps serving; SIGTERM exits 0 and prints no maps" {
	require_root
	require_prometheus
	start_exporter bt "$BT" --metrics 127.0.0.1:0 -e 'interval:ms:100 { @ticks = count(); }'
	sleep 0.5
	scrape "$PORT" | grep -Eq '^bt_bt_ticks_total [0-9]+$'
	kill -HUP "$CHILD"
	sleep 0.5
	kill -0 "$CHILD"
	scrape "$PORT" | grep -Eq '^bt_bt_ticks_total [0-9]+$'
	kill -TERM "$CHILD"
	status=0
	wait "$PID" || status=$?
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/bt.out")" = "Attaching 1 probe..." ]
	# the port is free again
	run ! curl -s --max-time 2 "http://127.0.0.1:$PORT/metrics"
}

@test "metrics: --metrics-file is written atomically every interval and at exit" {
	require_root
	require_prometheus
	f="$BATS_TEST_TMPDIR/out.prom"
	timeout 60 "$BT" --metrics-file "$f" --interval 1 \
		-e 'interval:ms:100 { @ticks = count(); }' >"$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	for _ in $(seq 50); do [ -s "$f" ] && break; sleep 0.1; done
	sleep 2.5
	first=$(sed -n 's/^bt_self_scrapes_total //p' "$f")
	sleep 1.5
	second=$(sed -n 's/^bt_self_scrapes_total //p' "$f")
	echo "first=$first second=$second"
	[ "$second" -gt "$first" ]
	grep -qx 'bt_self_lost_events_total 0' "$f"
	run promtool check metrics <"$f"
	[ "$status" -eq 0 ]
	sleep 0.5
	before=$(sed -n 's/^bt_bt_ticks_total //p' "$f")
	kill -TERM "$(pgrep -P "$pid")"
	wait "$pid"
	# the last write is at exit; no temporary file left behind
	ticks=$(sed -n 's/^bt_bt_ticks_total //p' "$f")
	echo "before=$before ticks=$ticks"
	[ "$ticks" -gt "$before" ]
	[ "$(ls "$BATS_TEST_TMPDIR" | grep -c 'out.prom')" -eq 1 ]
}

@test "metrics: labels and unit comments, cleared maps as gauges, --max-series" {
	require_root
	require_prometheus
	cat >"$BATS_TEST_TMPDIR/my-script.bt" <<-'EOF'
	interval:ms:50
	{
		// labels: cpu_id; unit: ms
		@lat[cpu] = hist(5);
		@n[cpu] = count();
		@rate = count();
		@k[nsecs % 7] = count();
	}
	interval:ms:500
	{
		zero(@rate);
	}
	EOF
	start_exporter bt "$BT" --metrics 127.0.0.1:0 --max-series 3 "$BATS_TEST_TMPDIR/my-script.bt"
	sleep 1.5
	scrape "$PORT" >"$BATS_TEST_TMPDIR/text"
	cat "$BATS_TEST_TMPDIR/text"
	# the script's name, the comment's label and unit (ms as seconds, le scaled)
	grep -q '^# TYPE bt_my_script_lat_seconds histogram$' "$BATS_TEST_TMPDIR/text"
	grep -Eq '^bt_my_script_lat_seconds_bucket\{cpu_id="[0-9]+",le="0.007"\} [1-9][0-9]*$' \
		"$BATS_TEST_TMPDIR/text"
	grep -Eq '^bt_my_script_lat_seconds_bucket\{cpu_id="[0-9]+",le="0.003"\} 0$' \
		"$BATS_TEST_TMPDIR/text"
	# no comment: key0
	grep -Eq '^bt_my_script_n_total\{key0="[0-9]+"\} [1-9][0-9]*$' "$BATS_TEST_TMPDIR/text"
	# cleared: a gauge, no _total
	grep -q '^# TYPE bt_my_script_rate gauge$' "$BATS_TEST_TMPDIR/text"
	grep -Eq '^bt_my_script_rate [0-9]+$' "$BATS_TEST_TMPDIR/text"
	# 7 keys, 3 series kept, the drops counted
	[ "$(grep -c '^bt_my_script_k_total{' "$BATS_TEST_TMPDIR/text")" -eq 3 ]
	grep -Eq '^bt_self_dropped_series_total\{map="@k"\} [1-9][0-9]*$' "$BATS_TEST_TMPDIR/text"
	run promtool check metrics <"$BATS_TEST_TMPDIR/text"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "metrics: bad addresses and options" {
	require_root
	run --separate-stderr "$BT" --metrics nonsense -e 'BEGIN { @x = count(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: invalid address 'nonsense' for --metrics (expected HOST:PORT, e.g. 127.0.0.1:9435)" ]
	# a busy port fails before anything is attached
	start_exporter bt "$BT" --metrics 127.0.0.1:0 -e 'interval:s:1 { @x = count(); }'
	run --separate-stderr "$BT" --metrics "127.0.0.1:$PORT" -e 'BEGIN { @x = count(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: cannot listen on '127.0.0.1:$PORT' for --metrics: Address already in use" ]
	[ -z "$output" ]
	run --separate-stderr "$BT" --interval 5 -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: --metrics-interval needs --metrics-file (try 'bt --help')" ]
	run --separate-stderr "$BT" --metrics-file /tmp/x --metrics-interval 0 -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: invalid value '0' for --metrics-interval (try 'bt --help')" ]
	run --separate-stderr "$BL" --interval 2
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: --metrics-interval needs --metrics-file" ]
	run --separate-stderr "$BL" --metrics-interval 2
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: --metrics-interval needs --metrics-file" ]
	run --separate-stderr "$BUILD/oncpu" --metrics 127.0.0.1:0 --folded
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: --metrics cannot be combined with --folded or --svg" ]
	# every tool has the options
	for t in openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch; do
		"$BUILD/$t" --help | grep -q -- '--metrics=HOST:PORT' || { echo "$t"; false; }
	done
}

@test "metrics: share/grafana-bt.json is JSON and its queries are valid PromQL" {
	require_prometheus
	python3 - "$ROOT/share/grafana-bt.json" >"$BATS_TEST_TMPDIR/rules.yml" <<-'EOF'
	import json, sys
	d = json.load(open(sys.argv[1]))
	print("groups:\n  - name: grafana\n    rules:")
	for p in d["panels"]:
	    for i, t in enumerate(p["targets"]):
	        e = t["expr"].replace("$__rate_interval", "1m")
	        print("      - record: bt:panel%d_%d\n        expr: %s" % (p["id"], i, json.dumps(e)))
	EOF
	run promtool check rules "$BATS_TEST_TMPDIR/rules.yml"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"SUCCESS: 10 rules found"* ]]
}
