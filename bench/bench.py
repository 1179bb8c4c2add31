#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bt against bpftrace, side by side in one run (issue 7): startup, compile
time, per-event cost, detach, event stream. Prints one table of ratios
(bt / bpftrace) with the absolute figures and writes it as Markdown.

  bench.py --bt build/bt --wloop build/bench/wloop [--quick] [--full] [--out F]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proc  # noqa: E402
import report  # noqa: E402

READY = ' BEGIN { printf("READY\\n"); }'
PRED = '/comm == "wloop"/'
STARTUP = 't:syscalls:sys_enter_write { @[comm] = count(); } BEGIN { exit(); }'
EVENT_PROGS = [
    ("empty program (no predicate)", "t:syscalls:sys_enter_write { }", None),
    ("predicate only", f"t:syscalls:sys_enter_write {PRED} {{ }}", 0.8),
    ("@ = count()", f"t:syscalls:sys_enter_write {PRED} {{ @ = count(); }}", 0.5),
    ("@[tid] = count()", f"t:syscalls:sys_enter_write {PRED} {{ @[tid] = count(); }}", 0.5),
    ("@[kstack] = count()", f"t:syscalls:sys_enter_write {PRED} {{ @[kstack] = count(); }}",
     0.9),
    ("hist(exit - enter)",
     f"t:syscalls:sys_enter_write {PRED} {{ @start = nsecs; }} "
     't:syscalls:sys_exit_write /comm == "wloop" && @start/ '
     "{ $delay = nsecs - @start; @h = hist($delay); @start = 0; }", 0.6),
    # the everyday latency pattern (issue 17): keyed by tid
    ("@start[tid] latency",
     f"t:syscalls:sys_enter_write {PRED} {{ @s[tid] = nsecs; }} "
     f"t:syscalls:sys_exit_write {PRED} "
     "{ @h = hist(nsecs - @s[tid]); delete(@s[tid]); }", 0.5),
]
# a bystander's getppid() loop on the other CPU while the tracer traces
# write() of another comm (issue 17)
BYSTANDER = 't:syscalls:sys_enter_write /comm == "nosuchcomm"/ { @ = count(); }'
TOOLS = ("openerr", "offcpu", "wqlat", "biolat")
DETACH = "t:syscalls:sys_enter_* { @[probe] = count(); }"
STREAM = (f"t:syscalls:sys_enter_write {PRED} "
          '{ printf("%-16s %8d %8d %20d %6d\\n", comm, pid, tid, nsecs, cpu); }')


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Bench:
    def __init__(self, a):
        self.a = a
        self.quick = a.quick
        self.tmp = tempfile.mkdtemp(prefix="bt-bench-")
        self.cache = os.path.join(self.tmp, "cache")
        self.env = dict(os.environ, XDG_CACHE_HOME=self.cache)
        self.tools = {"bt": [a.bt], "bpftrace": [a.bpftrace]}
        self.rows = []     # report rows
        self.notes = []

    def row(self, *r):
        self.rows.append(r)

    # 1. startup -------------------------------------------------------
    def startup(self):
        reps = 3 if self.quick else 10
        res = {}
        for tool, argv in self.tools.items():
            log(f"startup: {tool} cold + {reps} warm")
            cold = proc.timed(argv + ["-e", STARTUP], env=self.env, timeout=120)
            warm = [proc.timed(argv + ["-e", STARTUP], env=self.env, timeout=120)
                    for _ in range(reps)]
            res[tool] = (cold, warm)
        nocache = [proc.timed(self.tools["bt"] + ["--no-cache", "-e", STARTUP], env=self.env,
                              timeout=120) for _ in range(reps)]
        (bc, bw), (pc, pw) = res["bt"], res["bpftrace"]
        for name, b, p, key, unit, target in (
                ("cold wall", bc["wall"], pc["wall"], None, "ms", 0.5),
                ("cold CPU", bc["cpu"], pc["cpu"], None, "ms", None),
                ("cold peak RSS", bc["rss_mib"], pc["rss_mib"], None, "MiB", 0.8),
                ("warm wall (median)", proc.median_of(bw, "wall"), proc.median_of(pw, "wall"),
                 None, "ms", 0.1),
                ("warm CPU (median)", proc.median_of(bw, "cpu"), proc.median_of(pw, "cpu"),
                 None, "ms", None),
                ("warm peak RSS (median)", proc.median_of(bw, "rss_mib"),
                 proc.median_of(pw, "rss_mib"), None, "MiB", 0.3)):
            self.row("1 startup", name, b, p, unit, target)
        self.row("1 startup", "bt --no-cache wall (median)", proc.median_of(nocache, "wall"),
                 None, "ms", None)
        self.row("1 startup", "bt --no-cache peak RSS (median)",
                 proc.median_of(nocache, "rss_mib"), None, "MiB", None)
        if any(r["status"] for r in [bc, pc] + bw + pw + nocache):
            self.notes.append("startup: some runs exited non-zero")

    # 2. compile time --------------------------------------------------
    def gen_script(self, n):
        path = os.path.join(self.tmp, f"map{n}.bt")
        with open(path, "w") as f:
            f.write("BEGIN\n{\n")
            for i in range(n):
                f.write(f'\t@map["key{i:06d}_abcdefghijklmnop"] = {i};\n')
            f.write("}\n")
        return path

    def compile_time(self):
        for n in (200, 1000):
            path = self.gen_script(n)
            log(f"compile N={n}: bt --dry-run --no-cache")
            b = proc.timed(self.tools["bt"] + ["--dry-run", "--no-cache", path], env=self.env,
                           timeout=600)
            p = None
            if n == 200 and not self.quick or self.a.full:
                log(f"compile N={n}: bpftrace --emit-elf")
                p = proc.timed(self.tools["bpftrace"] + ["--emit-elf",
                                                         os.path.join(self.tmp, "x.o"), path],
                               env=self.env, timeout=1200)
            target = 0.1 if n == 200 else None
            if b["status"]:
                self.notes.append(f"compile N={n}: bt exited with status {b['status']}")
            pw = p["wall"] if p else None
            if p is None:
                pw = ("not run (389 s measured earlier, DESIGN.md)" if n == 1000
                      else "not run (QUICK)")
            self.row("2 compile", f"N={n} wall", b["wall"], pw, "s",
                     target if target else ("< 2 s", 2.0))
            self.row("2 compile", f"N={n} peak RSS", b["rss_mib"], p["rss_mib"] if p else None,
                     "MiB", None)
        self.notes.append("compile: bt is timed with --dry-run --no-cache (compile + verifier "
                          "load); bpftrace 0.17 has no --dry-run, it is timed with --emit-elf "
                          "(compile only)")

    # 3. per-event cost ------------------------------------------------
    def loop(self, n):
        out = subprocess.run([self.a.wloop, str(n)], capture_output=True, text=True,
                             check=True).stdout.split()
        return int(out[0]), int(out[1])

    def event_once(self, argv, script, n):
        t = proc.Tracer(argv + ["-e", script + READY], env=self.env)
        if not t.wait_ready():
            t.stop(30)
            raise RuntimeError(f"{argv[0]} never got ready: {t.stderr[-400:]!r}")
        time.sleep(0.3)  # bt runs BEGIN before it attaches the other probes
        s0 = proc.prog_stats(t.pid())
        calls, ns = self.loop(n)
        s1 = proc.prog_stats(t.pid())
        t.stop(120)
        runs, kns = proc.stats_delta(s0, s1)
        return dict(kns=kns / calls, wall=ns / calls, runs=runs, calls=calls)

    def per_event(self):
        n = 100000 if self.quick else 1000000
        reps = 1 if self.quick else 3
        base = []
        res = {name: {"bt": [], "bpftrace": []} for name, _, _ in EVENT_PROGS}
        for rep in range(reps):
            calls, ns = self.loop(n)
            base.append(ns / calls)
            for name, script, _ in EVENT_PROGS:
                for tool, argv in self.tools.items():
                    log(f"per-event rep {rep + 1}/{reps}: {tool} {name} (N={n})")
                    res[name][tool].append(self.event_once(argv, script, n))
        med = proc.statistics.median
        self.row("3 per-event", "no tracer: wall ns/call", med(base), med(base), "ns", None)
        floor = {t: med(r["kns"] for r in res[EVENT_PROGS[0][0]][t]) for t in self.tools}
        for name, _, target in EVENT_PROGS:
            b, p = res[name]["bt"], res[name]["bpftrace"]
            self.row("3 per-event", f"{name}: in-kernel ns/call", med(r["kns"] for r in b),
                     med(r["kns"] for r in p), "ns", target)
            if name != EVENT_PROGS[0][0]:
                self.row("3 per-event", f"{name}: in-kernel ns/call above the empty program",
                         med(r["kns"] for r in b) - floor["bt"],
                         med(r["kns"] for r in p) - floor["bpftrace"], "ns", None)
            self.row("3 per-event", f"{name}: program runs/call", med(r["runs"] / r["calls"] for r in b),
                     med(r["runs"] / r["calls"] for r in p), "", None)
            self.row("3 per-event", f"{name}: wall ns/call", med(r["wall"] for r in b),
                     med(r["wall"] for r in p), "ns", None)
        self.notes.append(f"per-event: N={n} write() calls per run, median of {reps}; in-kernel "
                          "= run_time_ns summed over the tracer's programs (its "
                          "/proc/PID/fdinfo) during the loop / loop calls; includes the "
                          "predicate's cost on other processes' writes (runs/call > 1) and "
                          "the kernel's own stats accounting (a clock read before and after each run, likely most of "
                          "the empty program's figure), hence the rows above the empty program")

    # 6. bystanders ----------------------------------------------------
    def getppid_loop(self, n):
        """wall ns per getppid() of a loop pinned to the last CPU."""
        cpu = str((os.cpu_count() or 1) - 1)
        out = subprocess.run([self.a.wloop, "-g", str(n), cpu], capture_output=True, text=True,
                             check=True).stdout.split()
        return int(out[1]) / int(out[0])

    def beside(self, argv, n, env=None, ready=b"READY"):
        """(bystander wall ns/call, the tracer's in-kernel ns per bystander
        call) with argv tracing; None for no tracer."""
        if argv is None:
            return self.getppid_loop(n), 0.0
        t = proc.Tracer(argv, ready=ready, env=env or self.env)
        if not t.wait_ready(120):
            try:
                t.stop(30)
            except OSError:  # already reaped
                pass
            raise RuntimeError(f"{os.path.basename(argv[0])} never got ready: "
                               f"{t.stderr[-200:].decode(errors='replace')!r}")
        time.sleep(0.3)
        s0 = proc.prog_stats(t.pid())
        ns = self.getppid_loop(n)
        s1 = proc.prog_stats(t.pid())
        t.stop(120)
        _, kns = proc.stats_delta(s0, s1)
        return ns, kns / n

    def bystander(self):
        n = 500000 if self.quick else 2000000
        reps = 3 if self.quick else 7
        cfg = {"none": None, "bpftrace": self.tools["bpftrace"] + ["-e", BYSTANDER + READY],
               "bt": self.tools["bt"] + ["-e", BYSTANDER + READY],
               "bt BT_SYSDISP=1": self.tools["bt"] + ["-e", BYSTANDER + READY]}
        res = {k: [] for k in cfg}
        for rep in range(reps):
            for k, argv in cfg.items():
                log(f"bystander rep {rep + 1}/{reps}: {k}")
                env = dict(self.env, BT_SYSDISP="1") if k.endswith("=1") else None
                res[k].append(self.beside(argv, n, env))
        best = {k: min(r[0] for r in v) for k, v in res.items()}
        self.row("6 bystander", "no tracer: getppid() wall ns/call (best)", best["none"],
                 best["none"], "ns", None)
        self.row("6 bystander", "tracing write of another comm: getppid() wall ns/call (best)",
                 best["bt"], best["bpftrace"], "ns", 1.03)
        self.row("6 bystander", "same, bt with BT_SYSDISP=1 (the dispatch)",
                 best["bt BT_SYSDISP=1"], best["bpftrace"], "ns", None)
        med = proc.statistics.median
        self.row("6 bystander", "same, median of the runs", med(r[0] for r in res["bt"]),
                 med(r[0] for r in res["bpftrace"]), "ns", None)
        self.row("6 bystander", "tracer's in-kernel ns per bystander call (median)",
                 med(r[1] for r in res["bt"]), med(r[1] for r in res["bpftrace"]), "ns", None)
        self.row("6 bystander", "same, bt with BT_SYSDISP=1 (the dispatch)",
                 med(r[1] for r in res["bt BT_SYSDISP=1"]), med(r[1] for r in res["bpftrace"]),
                 "ns", None)
        spread = {k: (max(r[0] for r in v) - min(r[0] for r in v)) / min(r[0] for r in v) * 100
                  for k, v in res.items()}
        self.notes.append(f"bystander: {n} getppid() calls pinned to the last CPU, best of {reps} "
                          "interleaved runs per tracer; spread (max-min)/min: " +
                          ", ".join(f"{k} {v:.0f}%" for k, v in spread.items()))

    def tool_bystander(self):
        n = 500000 if self.quick else 2000000
        reps = 2 if self.quick else 3
        bindir = os.path.dirname(self.a.bt)
        base = min(self.getppid_loop(n) for _ in range(reps))
        self.row("7 tools", "no tracer: getppid() wall ns/call (best)", base, base, "ns", None)
        for tool in TOOLS:
            exe = os.path.join(bindir, tool)
            script = subprocess.run([exe, "--script"], capture_output=True, text=True,
                                    env=self.env).stdout
            # the tool prints its own banner; the READY probe comes after its BEGIN
            argvs = {"bt": [exe], "bpftrace": self.tools["bpftrace"] + ["-e", script + READY]}
            res = {k: [] for k in argvs}
            for rep in range(reps):
                for k, argv in argvs.items():
                    log(f"tools rep {rep + 1}/{reps}: {tool} under {k}")
                    try:
                        res[k].append(self.beside(argv, n, ready=b"READY" if k != "bt"
                                                  else b"Attaching"))
                    except (RuntimeError, OSError) as e:
                        if rep == 0:
                            self.notes.append(f"tools: {tool} under {k}: {e}")
                        break
            best = {k: min(r[0] for r in v) if v else None for k, v in res.items()}
            self.row("7 tools", f"{tool}: bystander getppid() wall ns/call (best)", best["bt"],
                     best["bpftrace"] or "bpftrace failed (notes)", "ns", None)
            if res["bt"]:
                self.row("7 tools", f"{tool}: bystander cost above no tracer", best["bt"] - base,
                         best["bpftrace"] - base if res["bpftrace"] else None, "ns", None)
                self.row("7 tools", f"{tool}: tracer's in-kernel ns per bystander call (median)",
                         proc.statistics.median(r[1] for r in res["bt"]),
                         proc.statistics.median(r[1] for r in res["bpftrace"])
                         if res["bpftrace"] else None, "ns", None)
        self.notes.append("tools: the tool executable vs bpftrace running the script the tool "
                          "prints with --script; bystander as in 6; a tool is taken as "
                          "attached 0.3 s after its \"Attaching\" line")

    # 4. detach --------------------------------------------------------
    def detach_once(self, argv):
        t0 = time.monotonic()
        t = proc.Tracer(argv + ["-e", DETACH + READY], first=b"@[", env=self.env)
        if not t.wait_ready(300):
            t.stop(60)
            raise RuntimeError(f"{argv[0]} never got ready: {t.stderr[-400:]!r}")
        attach = t.ready_t - t0
        time.sleep(1)
        sig = t.interrupt()
        t.wait(300)
        first = t.first_t - sig if t.first_t else None
        return dict(attach=attach, maps=first, exit=t.exit_t - sig)

    def detach(self):
        log("detach: bt")
        b = self.detach_once(self.tools["bt"])
        p = None
        if not self.quick:
            log("detach: bpftrace (slow)")
            p = self.detach_once(self.tools["bpftrace"])
        skip = "not run (QUICK)"
        self.row("4 detach", "start to attached (BEGIN ran)", b["attach"],
                 p["attach"] if p else skip, "s", None)
        self.row("4 detach", "SIGINT to first map line", b["maps"], p["maps"] if p else skip,
                 "s", ("< 0.1 s", 0.1))
        self.row("4 detach", "SIGINT to exit", b["exit"], p["exit"] if p else skip, "s",
                 ("< 1 s", 1.0))

    # 5. event stream --------------------------------------------------
    def stream_once(self, argv, secs):
        t = proc.Tracer(argv + ["-e", STREAM + READY], count_prefix=b"wloop ", env=self.env)
        if not t.wait_ready():
            t.stop(30)
            raise RuntimeError(f"{argv[0]} never got ready: {t.stderr[-400:]!r}")
        s0 = proc.prog_stats(t.pid())
        c0 = proc.cpu_ticks(t.pid())
        ws = [subprocess.Popen([self.a.wloop, "-t", str(secs), str(cpu)], stdout=subprocess.PIPE,
                               text=True) for cpu in range(min(2, os.cpu_count() or 1))]
        # each writer's calls plus the write() of its result line
        produced = sum(int(w.communicate()[0].split()[0]) + 1 for w in ws)
        # let the tracer drain: wait until the count stops moving (≤ 30 s)
        last, stable_since, end = -1, time.monotonic(), time.monotonic() + 30
        while time.monotonic() < end:
            if t.count != last:
                last, stable_since = t.count, time.monotonic()
            elif time.monotonic() - stable_since > 1.0:
                break
            time.sleep(0.1)
        c1 = proc.cpu_ticks(t.pid())
        s1 = proc.prog_stats(t.pid())
        t.stop(120)
        runs, _ = proc.stats_delta(s0, s1)
        delivered = t.count
        return dict(produced=produced, runs=runs, delivered=delivered,
                    lost=produced - delivered, lost_reported=t.lost_reported(),
                    user=c1[0] - c0[0], sys=c1[1] - c0[1])

    def stream(self):
        secs = 1 if self.quick else 5
        res = {}
        for tool, argv in self.tools.items():
            log(f"event stream: {tool}, 2 writers for {secs} s")
            res[tool] = self.stream_once(argv, secs)
        b, p = res["bt"], res["bpftrace"]
        for k, label in (("produced", "events produced (writer calls)"),
                         ("runs", "program runs (in-kernel run count)"),
                         ("delivered", "events delivered (lines)"),
                         ("lost", "lost (produced - delivered)")):
            self.row("5 stream", label, b[k], p[k], "", None)
        self.row("5 stream", "lost count the tool printed",
                 b["lost_reported"] if b["lost_reported"] is not None else "none printed",
                 p["lost_reported"] if p["lost_reported"] is not None else "none printed",
                 "", None)
        bf = b["lost"] / b["produced"] if b["produced"] else 0
        pf = p["lost"] / p["produced"] if p["produced"] else 0
        self.row("5 stream", "lost fraction", bf, pf, "%", 0.5)
        bu = b["user"] / b["delivered"] * 1e9 if b["delivered"] else None
        pu = p["user"] / p["delivered"] * 1e9 if p["delivered"] else None
        self.row("5 stream", "user CPU per delivered event", bu, pu, "ns", 0.5)
        self.row("5 stream", "system CPU per delivered event",
                 b["sys"] / b["delivered"] * 1e9 if b["delivered"] else None,
                 p["sys"] / p["delivered"] * 1e9 if p["delivered"] else None, "ns", None)
        self.notes.append(f"stream: 2 wloop writers pinned one per CPU for {secs} s; CPU from "
                          "/proc/PID/stat (10 ms ticks) between the writers' start and the end "
                          "of draining")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bt", required=True)
    ap.add_argument("--bpftrace", default=shutil.which("bpftrace") or "bpftrace")
    ap.add_argument("--wloop", required=True)
    ap.add_argument("--out", default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--only", default="1,2,3,4,5,6,7", help="workloads to run, e.g. 1,3")
    a = ap.parse_args()
    if os.geteuid() != 0:
        print("bench: needs root to load BPF programs", file=sys.stderr)
        return 1
    if not shutil.which(a.bpftrace):
        print(f"bench: {a.bpftrace} not found (make deps installs bpftrace)", file=sys.stderr)
        return 1
    a.bt = os.path.abspath(a.bt)
    a.wloop = os.path.abspath(a.wloop)
    stats_fd = proc.enable_bpf_stats()
    if stats_fd is None:
        print("bench: cannot enable BPF run-time stats (BPF_ENABLE_STATS)", file=sys.stderr)
        return 1
    b = Bench(a)
    t0 = time.monotonic()
    steps = {"1": b.startup, "2": b.compile_time, "3": b.per_event, "4": b.detach,
             "5": b.stream, "6": b.bystander, "7": b.tool_bystander}
    failed = 0
    try:
        for k in a.only.split(","):
            try:
                steps[k]()
            except Exception as e:  # one workload failing must not lose the others
                failed += 1
                b.notes.append(f"workload {k} failed: {e}")
                log(f"workload {k} failed: {e}")
    finally:
        os.close(stats_fd)
        shutil.rmtree(b.tmp, ignore_errors=True)
    text = report.render(b.rows, b.notes, quick=a.quick, secs=time.monotonic() - t0,
                         bt=a.bt, bpftrace=a.bpftrace)
    print(text)
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out, "w") as f:
            f.write(text)
        log(f"wrote {a.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
