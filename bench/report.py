# SPDX-License-Identifier: GPL-2.0
"""The bench's table: rows (workload, metric, bt, bpftrace, unit, target)
as Markdown. target is None, a ratio limit (bt / bpftrace <= target) or
(label, limit) for an absolute limit on bt's figure."""
import datetime
import os
import platform
import subprocess

SCALE = {"ms": 1000, "%": 100}


def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def fmt(v, unit):
    if v is None:
        return "-"
    if not num(v):
        return str(v)
    v = v * SCALE.get(unit, 1)
    if unit == "" and float(v).is_integer():
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}" if abs(v) >= 0.01 or v == 0 else f"{v:.4f}"


def verdict(b, p, target):
    """(ratio text, target text, met text)"""
    ratio = b / p if num(b) and num(p) and p > 0 else None
    rtext = f"{ratio:.2f}×" if ratio is not None else "-"
    if target is None:
        return rtext, "", ""
    if isinstance(target, tuple):
        label, limit = target
        if not num(b):
            return rtext, label, "?"
        return rtext, label, "yes" if b < limit else "**NO**"
    ttext = f"≤ {target}×"
    if ratio is not None:
        return rtext, ttext, "yes" if ratio <= target else "**NO**"
    if num(b) and num(p) and p == 0:
        return rtext, ttext, "yes" if b == 0 else "**NO**"
    return rtext, ttext, "?"


def version(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True,
                              timeout=10).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def render(rows, notes, quick, secs, bt, bpftrace):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()
    out = [
        "# bt vs bpftrace: benchmark results" + (" (QUICK smoke run)" if quick else ""),
        "",
        f"Written by `make bench{' QUICK=1' if quick else ''}` ({now}, {secs:.0f} s). "
        f"{version([bt, '-V'])} vs {version([bpftrace, '-V'])}, Linux {platform.release()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the end (other jobs share "
        "the machine: ratios come from the same run).",
        "",
        "| workload | metric | unit | bt | bpftrace | bt/bpftrace | target | met |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    missed = []
    for w, metric, b, p, unit, target in rows:
        r, t, m = verdict(b, p, target)
        shown = {"%": "%"}.get(unit, unit)
        out.append(f"| {w} | {metric} | {shown} | {fmt(b, unit)} | {fmt(p, unit)} | {r} | {t} "
                   f"| {m} |")
        if m == "**NO**":
            missed.append(f"{w}: {metric} ({r if r != '-' else fmt(b, unit) + ' ' + unit})")
    out += ["", "Targets missed: " + ("; ".join(missed) if missed else "none"), ""]
    if notes:
        out += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)
