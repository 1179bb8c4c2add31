#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Conformance sweep: runs bpftrace programs through the installed bpftrace 0.17
and through bt, and compares exit status and stdout.

A developer tool for issue #15, NOT part of `make check` (it runs hundreds of
BPF programs and needs root; CPU is scarce, so run it in batches with -k/-n).

Inputs (any mix):
  - bpftrace runtime test files (bpftrace's tests/runtime/*: NAME/PROG/RUN/ENV/
    TIMEOUT/WILL_FAIL/BEFORE/AFTER/REQUIRES... entries). Entries that need
    kprobes/kfunc, bpftrace's testprogs, BEFORE/AFTER commands or a REQUIRES
    check are skipped (kprobe/kfunc programs run in the VM suite).
  - one-liner files: blocks separated by a line "===", first line "NAME x",
    an optional "ARGS ..." line (bpftrace options/arguments), the rest is the program.
  - *.bt scripts (e.g. /usr/sbin/*.bt): run for 5 s, then SIGINT; only the
    exit status and the first stdout line are compared (they trace live events).

Usage: run.py [-o RESULTS.tsv] [-k FIRST] [-n COUNT] [-g NAMEREGEX] FILE...
Writes one tab-separated line per program: name, verdict, rc(bpftrace),
rc(bt); prints a diff for each difference. Verdicts:
  same      identical exit status and (normalized) stdout
  shape     same exit status, stdout differs only in digits (pids, times...)
  live      both ran until the timeout's SIGINT (live events): same first line
  differ    anything else: classify by hand (see RESULTS.md)
  ref-fail  bpftrace itself fails (rc != 0 and not WILL_FAIL): not counted
Normalization: comm "bpftrace" reads as "bt"; bpftrace's RLIMIT_MEMLOCK
line is stderr noise and never compared.
"""
import os, re, shlex, subprocess, sys, argparse

BT = os.path.abspath(os.environ.get("BT", "build/bt"))
REF = os.environ.get("BPFTRACE", "bpftrace")
SKIP_PROBE = re.compile(r'(^|[\s{},;\'"])(kprobe|kretprobe|k|kr|kfunc|kretfunc|fentry|fexit|'
                        r'usdt|U|uprobe|uretprobe|u|ur)(:|\s*$)')
SKIP_WORDS = ('testprogs', 'runtime/', '{{BEFORE_PID}}', 'python', 'pkill', 'unshare')


def parse_runtime(path):
    out, cur = [], None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if line.startswith('#') or not line.strip():
            continue
        key, _, val = line.partition(' ')
        if key == 'NAME':
            cur = {'name': val, 'env': {}, 'timeout': 5, 'skip': None}
            out.append(cur)
        elif cur is None:
            continue
        elif key == 'PROG':
            cur['prog'] = val
        elif key == 'RUN':
            cur['run'] = val
        elif key == 'ENV':
            cur['env'].update(kv.split('=', 1) for kv in val.split())
        elif key == 'WILL_FAIL':
            cur['will_fail'] = True
        elif key == 'RETURN_CODE':
            cur['RETURN_CODE'] = int(val)
        elif key == 'TIMEOUT':
            cur['timeout'] = int(val)
        elif key in ('BEFORE', 'AFTER', 'REQUIRES', 'REQUIRES_FEATURE', 'MIN_KERNEL', 'ARCH',
                     'SKIP_IF_ENV_HAS'):
            if key == 'ARCH' and 'x86_64' in val:
                continue
            cur['skip'] = cur['skip'] or key + ' ' + val
    base = os.path.basename(path)
    for c in out:
        c['name'] = base + ': ' + c['name']
        c['kind'] = 'runtime'
    return out


def parse_oneliners(path):
    out = []
    for blk in open(path).read().split('\n===\n'):
        lines = blk.strip('\n').split('\n')
        if not lines or not lines[0].startswith('NAME '):
            continue
        c = {'name': os.path.basename(path) + ': ' + lines[0][5:], 'env': {}, 'timeout': 3,
             'skip': None, 'kind': 'oneliner', 'args': ''}
        lines.pop(0)
        for l in [l for l in lines if l.startswith('ARGS ')]:
            c['args'] = l[5:]
            lines.remove(l)
        c['prog'] = '\n'.join(lines)
        out.append(c)
    return out


def skip_reason(c):
    if c.get('skip'):
        return c['skip']
    text = c.get('prog') or c.get('run') or ''
    if c['kind'] == 'script':
        text = open(c['file']).read()
    if SKIP_PROBE.search(text):
        return 'kprobe/kfunc/uprobe'
    for w in SKIP_WORDS:
        if w in text:
            return 'needs ' + w
    if 'prog' not in c and 'run' not in c and c['kind'] != 'script':
        return 'no program'
    return None


def command(c, tool):
    """the shell command running c with tool"""
    if c['kind'] == 'script':
        return '%s %s' % (shlex.quote(tool), shlex.quote(c['file']))
    if 'run' in c:
        return c['run'].replace('{{BPFTRACE}}', shlex.quote(tool)).replace(
            'bpftrace -v', shlex.quote(tool) + ' -v')
    return '%s %s-e %s' % (shlex.quote(tool), c.get('args', '') + ' ' if c.get('args') else '',
                           shlex.quote(c['prog']))


def run(c, tool):
    env = dict(os.environ)
    env.update(c['env'])
    t = 5 if c['kind'] == 'script' else c['timeout'] + 2
    cmd = 'exec timeout -s INT -k 5 %d bash -c %s' % (t, shlex.quote(command(c, tool)))
    p = subprocess.run(cmd, shell=True, capture_output=True, env=env, text=True, errors='replace')
    out = p.stdout.replace('bpftrace', 'bt')
    if c['kind'] == 'script':
        out = '\n'.join(out.splitlines()[:1])
    return p.returncode, out, p.stderr


def verdict(c, r, b):
    rrc, rout, rerr = r
    brc, bout, _ = b
    if rrc != c.get('RETURN_CODE', 0) and not c.get('will_fail') and rrc != 124 and \
            c['kind'] != 'script':
        return 'ref-fail'
    if c['kind'] == 'script' and rrc not in (0, 124) and 'error' in rerr.lower():
        return 'ref-fail'
    if rrc == brc and rout == bout:
        return 'same'
    if rrc == brc == 124 and rout.split('\n')[:1] == bout.split('\n')[:1]:
        return 'live'
    if rrc == brc and re.sub(r'\d+', 'N', rout) == re.sub(r'\d+', 'N', bout):
        return 'shape'
    return 'differ'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-o', default='build/conformance/results.tsv')
    ap.add_argument('-k', type=int, default=0, help='first program (0-based)')
    ap.add_argument('-n', type=int, default=10 ** 6, help='number of programs')
    ap.add_argument('-g', default='', help='only names matching this regex')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    cases = []
    for f in a.files:
        if f.endswith('.bt'):
            cases.append({'name': os.path.basename(f), 'file': f, 'env': {}, 'timeout': 2,
                          'kind': 'script', 'skip': None})
        elif open(f).read(5) == 'NAME ' and '\n===\n' in open(f).read():
            cases += parse_oneliners(f)
        else:
            cases += parse_runtime(f)
    cases = [c for c in cases if re.search(a.g, c['name'])][a.k:a.k + a.n]
    os.makedirs(os.path.dirname(a.o) or '.', exist_ok=True)
    counts = {}
    with open(a.o, 'a') as res:
        for c in cases:
            why = skip_reason(c)
            if why:
                v, rrc, brc = 'skip', '-', '-'
            else:
                r, b = run(c, REF), run(c, BT)
                v, rrc, brc = verdict(c, r, b), r[0], b[0]
                if v in ('differ', 'shape'):
                    print('=== %s [%s] bpftrace rc=%s bt rc=%s\n--- bpftrace:\n%s--- bt:\n%s'
                          '--- bt stderr:\n%s' % (c['name'], v, rrc, brc, r[1], b[1], b[2][:600]))
            counts[v] = counts.get(v, 0) + 1
            res.write('%s\t%s\t%s\t%s%s\n' % (c['name'], v, rrc, brc,
                                              '\t' + why if why else ''))
            res.flush()
    print('counts:', ' '.join('%s=%d' % kv for kv in sorted(counts.items())))


if __name__ == '__main__':
    main()
