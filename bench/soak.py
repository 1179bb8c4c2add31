#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Soak (issue 8): bt counting every syscall for SOAK_MINUTES beside a
syscall load must keep its RSS and fd count flat. Two tracers run at once:

  count  t:syscalls:sys_enter_* { @[probe] = count(); } interval:s:1 { print(@, 5); }
  churn  @[comm, str(args->filename)] on sys_enter_openat, print + clear(@)
         each second, BPFTRACE_MAP_KEYS_MAX=512 while the load opens ~1000
         distinct names a second, so the map fills and empties every second

VmRSS, RssAnon and the open fds of each tracer are sampled every 10 s; at
the end both get SIGINT and must exit 0, printing their maps. Verdict per
tracer: warm = the first sample at or after the warm-up (30 s); growth = the
least-squares slope of RSS over the samples from warm on, in KiB/min;
flat = growth < 1% of the warm RSS per minute and no more fds than at warm.

  soak.py --bt build/bt [--minutes 10] [--out bench/soak.md]
"""
import argparse
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proc  # noqa: E402

VARIANTS = [
    ("count", "t:syscalls:sys_enter_* { @[probe] = count(); } interval:s:1 { print(@, 5); }",
     {}),
    ("churn", "t:syscalls:sys_enter_openat { @[comm, str(args->filename)] = count(); } "
     "interval:s:1 { print(@, 5); clear(@); }", {"BPFTRACE_MAP_KEYS_MAX": "512"}),
]
LOAD_COMM = b"soakload"
FLAT_PCT = 1.0        # % of the warm RSS per minute


def log(msg):
    print(f"[soak {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# the load ------------------------------------------------------------
def load(tmp):
    """Bursts of open/read/close, getpid, stat over varied paths, and ~50
    opens of never-seen names, every 50 ms (a few % of one CPU)."""
    ctypes.CDLL(None).prctl(15, ctypes.c_char_p(LOAD_COMM), 0, 0, 0)  # PR_SET_NAME
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    files = []
    for i in range(32):
        p = os.path.join(tmp, f"f{i}")
        with open(p, "w") as f:
            f.write("x" * (64 * (i + 1)))
        files.append(p)
    files += [p for p in ("/etc/hostname", "/etc/os-release", "/proc/self/stat",
                          "/proc/loadavg", "/proc/self/status") if os.path.exists(p)]
    stats = files + ["/", "/etc", "/usr/bin", "/nonexistent", tmp]
    n = 0
    while True:
        for i in range(20):
            p = files[(n + i) % len(files)]
            fd = os.open(p, os.O_RDONLY)
            os.read(fd, 4096)
            os.close(fd)
            os.getpid()
            try:
                os.stat(stats[(n + i) % len(stats)])
            except OSError:
                pass
        for i in range(50):
            try:
                os.close(os.open(os.path.join(tmp, f"n{n}-{i}"), os.O_RDONLY))
            except OSError:
                pass
        n += 1
        time.sleep(0.05)


# a tracer under watch ------------------------------------------------
class Tracer:
    def __init__(self, bt, name, script, env):
        self.name = name
        self.p = subprocess.Popen([bt, "-e", script], env=dict(os.environ, **env),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.out_lines = 0
        self.out_tail = b""
        self.err = b""
        self.lines_at_int = None
        self.samples = []     # (t, rss_kib, anon_kib, fds, cpu_s)
        self.status = None
        self.exit_s = None
        self._threads = [threading.Thread(target=self._out, daemon=True),
                         threading.Thread(target=self._err, daemon=True)]
        for t in self._threads:
            t.start()

    def _out(self):
        while True:
            b = os.read(self.p.stdout.fileno(), 1 << 16)
            if not b:
                return
            self.out_lines += b.count(b"\n")
            self.out_tail = (self.out_tail + b)[-4096:]

    def _err(self):
        while True:
            b = os.read(self.p.stderr.fileno(), 1 << 16)
            if not b:
                return
            if len(self.err) < 65536:
                self.err += b

    def sample(self, t):
        pid = self.p.pid
        kv = {}
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    k, _, v = line.partition(":")
                    kv[k] = v.split()[0] if v.split() else ""
            fds = len(os.listdir(f"/proc/{pid}/fd"))
            u, s = proc.cpu_ticks(pid)
        except (OSError, IndexError):
            return False
        self.samples.append((t, int(kv.get("VmRSS", 0)), int(kv.get("RssAnon", 0)), fds, u + s))
        return True

    def stop(self, timeout=30):
        self.lines_at_int = self.out_lines
        t0 = time.monotonic()
        self.p.send_signal(signal.SIGINT)
        try:
            self.status = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.status = "killed"
            self.p.wait()
        self.exit_s = time.monotonic() - t0
        for t in self._threads:
            t.join(5)

    @staticmethod
    def lsq(samples, col):
        """Least-squares slope of column col over time, per minute."""
        ts = [s[0] / 60 for s in samples]
        rs = [s[col] for s in samples]
        mt, mr = sum(ts) / len(ts), sum(rs) / len(rs)
        var = sum((t - mt) ** 2 for t in ts)
        return sum((t - mt) * (r - mr) for t, r in zip(ts, rs)) / var if var else 0.0

    def verdict(self, warmup):
        warm = [s for s in self.samples if s[0] >= warmup] or self.samples[-1:]
        if not warm:
            return None
        slope, anon_slope = self.lsq(warm, 1), self.lsq(warm, 2)
        w, last = warm[0], warm[-1]
        limit = w[1] * FLAT_PCT / 100
        exited = (self.status == 0 and self.out_lines > (self.lines_at_int or 0)
                  and b"error" not in self.err)
        return dict(warm_t=w[0], warm=w[1], last_t=last[0], last=last[1],
                    max=max(s[1] for s in self.samples), slope=slope, anon_slope=anon_slope,
                    anon_warm=w[2], anon_last=last[2], limit=limit, lines=self.out_lines,
                    fds_warm=w[3], fds_last=last[3], fds_max=max(s[3] for s in self.samples),
                    flat=slope < limit and last[3] <= w[3], exited=exited,
                    cpu_pct=100 * (last[4] - w[4]) / (last[0] - w[0]) if last[0] > w[0] else 0)


# report ---------------------------------------------------------------
def mib(kib):
    return f"{kib / 1024:.2f}"


def summary(tr, warmup):
    v = tr.verdict(warmup)
    if not v:
        return f"{tr.name}: no samples (exit status {tr.status}); stderr: {tr.err[-300:]!r}"
    return (f"{tr.name}: {'FLAT' if v['flat'] else 'GROWS'}: RSS warm {mib(v['warm'])} MiB "
            f"@{v['warm_t']:.0f}s, last {mib(v['last'])} MiB @{v['last_t']:.0f}s, "
            f"max {mib(v['max'])} MiB; growth {v['slope']:+.1f} KiB/min "
            f"(limit {v['limit']:.1f} = {FLAT_PCT:g}% of warm); anon {mib(v['anon_warm'])} -> "
            f"{mib(v['anon_last'])} MiB ({v['anon_slope']:+.1f} KiB/min); fds {v['fds_warm']} -> "
            f"{v['fds_last']} (max {v['fds_max']}); tracer CPU {v['cpu_pct']:.1f}%; "
            f"{v['lines']} stdout lines; SIGINT: exit {tr.status} in {tr.exit_s:.2f}s, "
            f"{'final maps printed' if v['exited'] else 'BAD EXIT'}")


def write_md(path, a, tracers, load_cpu, started):
    L = ["# bt soak (`make soak`)", "",
         f"Run {started}, {a.minutes:g} min, sample every {a.every:g} s, warm-up {a.warmup:g} s. "
         f"`{os.path.basename(__file__)}` runs both tracers at once beside a syscall load "
         f"(comm `{LOAD_COMM.decode()}`, {load_cpu:.1f}% of a CPU): open/read/close, getpid, "
         "stat on varied paths and ~1000 opens/s of never-seen names.", ""]
    for tr in tracers:
        script = dict((n, s) for n, s, _ in VARIANTS)[tr.name]
        env = dict((n, e) for n, _, e in VARIANTS)[tr.name]
        L.append(f"- **{tr.name}**: `{' '.join(f'{k}={v}' for k, v in env.items())}"
                 f"{' ' if env else ''}bt -e '{script}'`")
    L += ["", "Rule: warm = first sample at or after the warm-up; growth = least-squares "
          "slope of VmRSS over the samples from warm on; **flat** = growth < "
          f"{FLAT_PCT:g}% of the warm RSS per minute and no more open fds at the end than "
          "at warm. The exit check: SIGINT, exit status 0, the final maps printed, no "
          "`error` on stderr.", ""]
    L += ["## Verdict", ""] + [f"- {summary(tr, a.warmup)}" for tr in tracers] + [""]
    L += ["## Samples", ""]
    hdr = "| t (s) |" + "".join(f" {t.name} RSS MiB | {t.name} anon MiB | {t.name} fds |"
                                for t in tracers)
    L += [hdr, "|---:|" + "---:|---:|---:|" * len(tracers)]
    n = max(len(t.samples) for t in tracers)
    for i in range(n):
        row = None
        cells = []
        for t in tracers:
            if i < len(t.samples):
                s = t.samples[i]
                row = row if row is not None else s[0]
                cells.append(f" {mib(s[1])} | {mib(s[2])} | {s[3]} |")
            else:
                cells.append(" | | |")
        L.append(f"| {row:.0f} |" + "".join(cells))
    for tr in tracers:
        if tr.err.strip():
            L += ["", f"{tr.name} stderr (first lines):", "", "```"]
            L += tr.err.decode(errors="replace").splitlines()[:10] + ["```"]
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bt", required=True)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--every", type=float, default=10)
    ap.add_argument("--warmup", type=float, default=30)
    ap.add_argument("--out", default="bench/soak.md")
    ap.add_argument("--only", choices=[v[0] for v in VARIANTS])
    ap.add_argument("--load", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.load:
        load(a.load)
        return 0
    if a.minutes * 60 <= a.warmup:
        a.warmup = 0
    tmp = tempfile.mkdtemp(prefix="bt-soak-")
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    tracers = [Tracer(a.bt, n, s, e) for n, s, e in VARIANTS if not a.only or a.only == n]
    time.sleep(2)
    ld = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--bt", a.bt,
                           "--load", tmp])
    t0 = time.monotonic()
    end = t0 + a.minutes * 60
    log(f"{len(tracers)} tracer(s) + load for {a.minutes:g} min")
    nxt = t0
    try:
        while True:
            now = time.monotonic()
            if now >= nxt:
                for tr in tracers:
                    if tr.p.poll() is None:
                        tr.sample(now - t0)
                s = "  ".join(f"{t.name} {mib(t.samples[-1][1])} MiB {t.samples[-1][3]} fds"
                              for t in tracers if t.samples)
                log(f"{now - t0:5.0f}s  {s}")
                nxt += a.every
                if now >= end:
                    break
            if any(t.p.poll() is not None for t in tracers):
                log("a tracer exited early")
                break
            time.sleep(min(1.0, max(0.0, nxt - time.monotonic())))
    finally:
        try:
            load_cpu = sum(proc.cpu_ticks(ld.pid)) / max(1e-9, time.monotonic() - t0) * 100
        except OSError:
            load_cpu = 0.0
        ld.terminate()
        ld.wait()
        for tr in tracers:
            tr.stop()
        subprocess.run(["rm", "-rf", tmp])
    write_md(a.out, a, tracers, load_cpu, started)
    ok = True
    for tr in tracers:
        print(summary(tr, a.warmup))
        v = tr.verdict(a.warmup)
        ok = ok and bool(v) and v["flat"] and v["exited"]
    print(f"written: {a.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
