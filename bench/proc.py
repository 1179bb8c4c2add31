# SPDX-License-Identifier: GPL-2.0
"""Process plumbing for bench.py: timed runs with wait4 rusage, a tracer
run in the background with its stdout counted, and the kernel's per-program
BPF stats of a process (from /proc/PID/fdinfo)."""
import ctypes
import fcntl
import os
import re
import signal
import statistics
import subprocess
import threading
import time

SYS_BPF = 321            # x86_64
BPF_ENABLE_STATS = 32
F_SETPIPE_SZ = 1031
CLK_TCK = os.sysconf("SC_CLK_TCK")


def enable_bpf_stats():
    """Keeps the kernel's BPF run-time stats on while the returned fd is open
    (bpf(BPF_ENABLE_STATS, BPF_STATS_RUN_TIME)); None if refused."""
    libc = ctypes.CDLL(None, use_errno=True)
    attr = ctypes.create_string_buffer(8)   # { __u32 type = BPF_STATS_RUN_TIME (0) }
    fd = libc.syscall(SYS_BPF, BPF_ENABLE_STATS, attr, 8)
    return fd if fd >= 0 else None


def prog_stats(pid):
    """{prog_id: (run_cnt, run_time_ns)} over the BPF programs pid holds."""
    res = {}
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return res
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != "anon_inode:bpf-prog":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                kv = dict(line.split(":", 1) for line in f if ":" in line)
            res[int(kv["prog_id"])] = (int(kv.get("run_cnt", 0)), int(kv.get("run_time_ns", 0)))
        except (OSError, KeyError, ValueError):
            continue
    return res


def stats_delta(before, after):
    """(runs, ns) summed over the programs, after minus before."""
    runs = ns = 0
    for pid_, (c, t) in after.items():
        c0, t0 = before.get(pid_, (0, 0))
        runs += c - c0
        ns += t - t0
    return runs, ns


def cpu_ticks(pid):
    """(utime, stime) of pid in seconds, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return int(rest[11]) / CLK_TCK, int(rest[12]) / CLK_TCK


def timed(argv, env=None, timeout=None):
    """Runs argv with stdout/stderr discarded; returns dict(wall, cpu, user,
    rss_mib, status) from wait4's rusage."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = t0 + timeout if timeout else None
    while True:
        pid, st, ru = os.wait4(p.pid, os.WNOHANG if deadline else 0)
        if pid:
            break
        if time.monotonic() > deadline:
            p.kill()
            pid, st, ru = os.wait4(p.pid, 0)
            st = -1
            break
        time.sleep(0.005)
    wall = time.monotonic() - t0
    p.returncode = 0
    return dict(wall=wall, cpu=ru.ru_utime + ru.ru_stime, user=ru.ru_utime,
                rss_mib=ru.ru_maxrss / 1024, status=st)


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


class Tracer:
    """A tracer in the background. Its stdout is read by a thread that counts
    lines starting with `count_prefix`, notes when `ready` and the first line
    starting with `first` appear, and keeps the first and last 64 KiB."""

    def __init__(self, argv, ready=b"READY", first=b"@", count_prefix=None, env=None):
        self.ready_t = self.first_t = self.exit_t = None
        self.count = 0
        self.lost = None     # sum of the "Lost N events" lines on stdout
        self.ready_ev = threading.Event()
        self.head = b""
        self.tail = b""
        self._ready, self._first, self._prefix = ready, first, count_prefix
        self.p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # a large pipe: the tracer must not wait on this reader (root may go
        # past /proc/sys/fs/pipe-max-size)
        for fd, size in ((self.p.stdout.fileno(), 16 << 20), (self.p.stderr.fileno(), 1 << 20)):
            for sz in (size, 1 << 20):
                try:
                    fcntl.fcntl(fd, F_SETPIPE_SZ, sz)
                    break
                except OSError:
                    pass
        self.stderr = b""
        self._t = threading.Thread(target=self._read, daemon=True)
        self._te = threading.Thread(target=self._read_err, daemon=True)
        self._t.start()
        self._te.start()
        self.rusage = None

    def _read_err(self):
        self.stderr = self.p.stderr.read()

    def _read(self):
        # This loop must stay cheaper than the tracer it reads (millions of
        # lines a second in the stream workload): the chunks land in one
        # buffer after the previous chunk's last 64 bytes (the carry, so that
        # matches across a boundary are seen), and are searched in place.
        fd = self.p.stdout.fileno()
        C = 64
        ba = bytearray(C + (4 << 20))
        view = memoryview(ba)
        clen = 0
        nl_prefix = b"\n" + self._prefix if self._prefix else None
        nl_first = b"\n" + self._first if self._first else None
        started = False
        lost_re = re.compile(rb"(?m)^Lost (\d+) events$")
        while True:
            n = os.readv(fd, [view[C:]])
            if not n:
                break
            now = time.monotonic()
            s, e = C - clen, C + n   # this chunk with the carry before it
            if nl_prefix:
                # matches wholly inside the carry were counted already
                self.count += ba.count(nl_prefix, s, e) - ba.count(nl_prefix, s, C)
                if not started and ba.startswith(self._prefix, C):
                    self.count += 1
                started = True
            if ba.find(b"Lost ", s, e) >= 0:
                new = lost_re.findall(ba[s:e])
                old = lost_re.findall(ba[s:C])
                if len(new) > len(old):
                    self.lost = (self.lost or 0) + sum(int(x) for x in new[len(old):])
            if len(self.head) < 65536:
                self.head += bytes(view[C:C + min(n, 65536 - len(self.head))])
            self.tail = (self.tail + bytes(view[max(C, e - 65536):e]))[-65536:]
            if not self.ready_ev.is_set() and self._ready in self.tail:
                self.ready_t = now
                self.ready_ev.set()
            if self.ready_t and self.first_t is None and nl_first:
                r = ba.find(self._ready, s, e)
                if ba.find(nl_first, r if r >= 0 else s, e) >= 0:
                    self.first_t = now
            clen = min(C, e - s)
            ba[C - clen:C] = ba[e - clen:e]
        self.ready_ev.set()

    def wait_ready(self, timeout=180):
        self.ready_ev.wait(timeout)
        return self.ready_t is not None

    def pid(self):
        return self.p.pid

    def interrupt(self):
        t = time.monotonic()
        try:
            self.p.send_signal(signal.SIGINT)
        except ProcessLookupError:
            pass
        return t

    def wait(self, timeout=120):
        """Waits for exit (kills after timeout); returns the exit time."""
        deadline = time.monotonic() + timeout
        while True:
            pid, st, ru = os.wait4(self.p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                self.p.kill()
                pid, st, ru = os.wait4(self.p.pid, 0)
                break
            time.sleep(0.002)
        self.exit_t = time.monotonic()
        self.p.returncode = st
        self.rusage = ru
        self._t.join(10)
        self._te.join(10)
        return self.exit_t

    def stop(self, timeout=120):
        self.interrupt()
        return self.wait(timeout)

    def lost_reported(self):
        """The sum of the "Lost N events" lines on stdout, else N from such a
        line on stderr, else None."""
        if self.lost is not None:
            return self.lost
        for text in (self.stderr,):
            for line in text.splitlines():
                w = line.split()
                if len(w) == 3 and w[0] == b"Lost" and w[2] == b"events" and w[1].isdigit():
                    return int(w[1])
        return None
