#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generates bats tests: each case runs through bpftrace (reference) and bt; the
expected text is bt's output, used only when it equals bpftrace's (or the case says
'ref: bt, REASON'); any other difference fails the run. See README.
Usage: gen.py CASES OUT.bats HEADER [HAND]; gen.py --check CASES OUT.bats [HAND]"""
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

def parse(path):
    """the cases of CASES: (meta, script) pairs"""
    cases = []
    for c in open(path).read().split('\n===\n'):
        lines = c.strip('\n').split('\n')
        meta = {}
        while lines and lines[0].startswith('#'):
            k, _, v = lines[0][1:].partition(':')
            meta[k.strip()] = v.strip()
            lines.pop(0)
        cases.append((meta, '\n'.join(lines)))
    return cases

def head(meta, script):
    """a case's @test line and run line, which do not depend on running it"""
    args = shlex.split(meta.get('args', ''))
    env = dict(kv.split('=', 1) for kv in meta.get('env', '').split()) if meta.get('env') else {}
    name = meta['name']
    if meta.get('ref', 'bpftrace') != 'bpftrace':
        name += ' (' + meta['ref'] + ')'
    envs = ('env ' if env else '') + ''.join('%s=%s ' % (k, shlex.quote(v)) for k, v in env.items())
    t = ['@test "%s" {' % name.replace("'", '').replace('"', '').replace('$', '')]
    if meta.get('pre'):
        t.append('\t' + meta['pre'])
    argstr = ' '.join(shlex.quote(a) for a in args)
    t.append('\trun --separate-stderr %stimeout 30 "$BT" %s-e %s' % (envs, argstr + ' ' if argstr else '', bq(script)))
    return args, env, t

def generate(cases):
    """the tests of cases, or None when bt and bpftrace differ on one that
    does not say why ("#ref: bt, REASON")"""
    out, bad = [], 0
    for meta, script in cases:
        args, env, t = head(meta, script)
        rc, o, e = run(BT, args, script, env)
        if meta.get('ref', 'bpftrace') == 'bpftrace':
            rrc, ro, re_ = run('bpftrace', args, script, env)
            ro = ro.replace('bpftrace', 'bt')
            if (rrc, ro) != (rc, o):
                bad += 1
                print('MISMATCH', meta.get('name'), file=sys.stderr)
                print('--- bpftrace rc=%d\n%s%s\n--- bt rc=%d\n%s%s' % (rrc, ro, re_, rc, o, e), file=sys.stderr)
                continue
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
    print('%d cases, %d mismatches' % (len(cases), bad), file=sys.stderr)
    return None if bad else out

def heads(text):
    """the @test and run lines of each test in text"""
    got = []
    for t in text.split('\n@test ')[1:]:
        got += [l for l in ('@test ' + t).split('\n')[:3] if l.startswith(('@test', '\trun '))][:2]
    return got

def check(cases, bats, hand):
    """BATS holds exactly the tests of CASES (same @test and run lines, in
    order), then HAND's text: nothing pasted in, nothing dropped"""
    text = open(bats).read()
    htext = open(hand).read().strip('\n') + '\n' if hand and os.path.exists(hand) else ''
    if htext and not text.endswith('\n\n' + htext):
        print('%s does not end with %s' % (bats, hand), file=sys.stderr)
        return False
    want = [l for m, s in cases for l in head(m, s)[2] if l.startswith(('@test', '\trun '))]
    got = heads(text[:len(text) - len(htext)])
    for a, b in zip(got + [''] * len(want), want + [''] * len(got)):
        if a != b:
            print('%s: %r\n  want (from the cases) %r' % (bats, a, b), file=sys.stderr)
            return False
    return True

def main():
    if sys.argv[1] == '--check':
        sys.exit(0 if check(parse(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None) else 1)
    cases = parse(sys.argv[1])
    for meta, _ in cases:
        ref = meta.get('ref', 'bpftrace')
        if ref != 'bpftrace' and not ref.startswith('bt, '):
            sys.exit('%s: case "%s": "#ref: bt" needs the reason bpftrace cannot give the expected text: "#ref: bt, REASON"'
                     % (sys.argv[1], meta.get('name')))
    out = generate(cases)
    if out is None:
        sys.exit('%s: bt and bpftrace differ: fix bt, or say why in "#ref: bt, REASON" (and in man/bt-language.7)' % sys.argv[1])
    out.insert(0, open(sys.argv[3]).read().rstrip('\n') + '\n')
    if len(sys.argv) > 4 and os.path.exists(sys.argv[4]):
        out.append(open(sys.argv[4]).read().strip('\n') + '\n')
    open(sys.argv[2], 'w').write('\n'.join(out))

if __name__ == '__main__':
    main()
