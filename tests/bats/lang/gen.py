#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generates bats tests: each case runs through bpftrace (reference) and bt; the
expected text is bt's output, used only when it equals bpftrace's (or the case says
'ref: bt' with a reason). Usage: gen.py CASES OUT.bats HEADER"""
import subprocess, sys, shlex, os
BT = os.environ.get("BT", "build/bt")

def run(cmd, args, script, env=None):
    e = dict(os.environ); e.update(env or {})
    p = subprocess.run(['timeout', '30', cmd] + args + ['-e', script], capture_output=True, text=True, env=e)
    err = '\n'.join(l for l in p.stderr.splitlines() if 'RLIMIT_MEMLOCK' not in l)
    return p.returncode, p.stdout, err

def bq(s):
    out = []
    for ch in s:
        if ch == '\\': out.append('\\\\')
        elif ch == "'": out.append("\\'")
        elif ch == '\n': out.append('\\n')
        elif ch == '\t': out.append('\\t')
        else: out.append(ch)
    return "$'" + ''.join(out) + "'"

cases = open(sys.argv[1]).read().split('\n===\n')
out = [open(sys.argv[3]).read().rstrip('\n'), '']
bad = 0
for c in cases:
    lines = c.strip('\n').split('\n')
    meta = {}
    while lines and lines[0].startswith('#'):
        k, _, v = lines[0][1:].partition(':')
        meta[k.strip()] = v.strip()
        lines.pop(0)
    script = '\n'.join(lines)
    args = shlex.split(meta.get('args', ''))
    env = dict(kv.split('=', 1) for kv in meta.get('env', '').split()) if meta.get('env') else {}
    rc, o, e = run(BT, args, script, env)
    ref = meta.get('ref', 'bpftrace')
    if ref == 'bpftrace':
        rrc, ro, re_ = run('bpftrace', args, script, env)
        ro = ro.replace('bpftrace', 'bt')
        if (rrc, ro) != (rc, o):
            bad += 1
            print('MISMATCH', meta.get('name'), file=sys.stderr)
            print('--- bpftrace rc=%d\n%s%s\n--- bt rc=%d\n%s%s' % (rrc, ro, re_, rc, o, e), file=sys.stderr)
            continue
    name = meta['name']
    if ref != 'bpftrace':
        name += ' (' + ref + ')'
    envs = ('env ' if env else '') + ''.join('%s=%s ' % (k, shlex.quote(v)) for k, v in env.items())
    t = ['@test "%s" {' % name.replace("'", '').replace('"', '').replace('$', '')]
    if meta.get('pre'):
        t.append('\t' + meta['pre'])
    argstr = ' '.join(shlex.quote(a) for a in args)
    t.append('\trun --separate-stderr %stimeout 30 "$BT" %s-e %s' % (envs, argstr + ' ' if argstr else '', bq(script)))
    t.append('\t[ "$status" -eq %d ]' % rc)
    if rc == 0:
        exp = bq(o.rstrip('\n'))
        for sub in meta.get('sub', '').split(';'):
            if sub:
                lit, _, sh = sub.partition('=')
                exp = exp.replace(lit, "'\"%s\"$'" % sh)
        t.append('\t[ "$output" = %s ]' % exp)
    else:
        first = e.splitlines()[0] if e else ''
        t.append('\t[ "$(first_err)" = %s ]' % bq(first))
        if 'stderr' in meta:
            t.append('\t[[ "$stderr" == *%s* ]]' % bq(meta['stderr']))
    t.append('}')
    out.append('\n'.join(t))
    out.append('')
open(sys.argv[2], 'w').write('\n'.join(out))
print('%d cases, %d mismatches' % (len(cases), bad), file=sys.stderr)
