#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Finds assertions that cannot fail in bats tests. Under bats (set -e), a
failing `! cmd`, or a failing command left of `&&`, does not fail a test:
bash exempts both from errexit. Flags, in every @test body of the .bats files
given (default tests/bats/*.bats):
  - a command starting with `!` (write `run ! cmd`, or `cmd && false`);
  - a `a && b` list whose last part is a test condition ([, [[, test, ((,
    grep, !) and which has no `||` fallback (write two lines, or add
    `|| false`).
A `&&` followed by an action (skip, break, return, kill, ...) is control flow
and is left alone. Prints FILE:LINE: message per finding; exit 1 if any."""
import glob, re, sys

COND = re.compile(r'^(\[\[?|test|\(\(|grep|!)(\s|$)')


def blank_quotes(s):
    """s with quoted text, $(...) and [[ ... ]] contents replaced by 'x', so
    that `;`, `&&`, `||` and `!` inside them do not count."""
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '#' and (i == 0 or s[i - 1] in ' \t;'):
            break
        if c == '\\':
            out.append('x')
            i += 2
            continue
        if c == "'" or (c == '$' and s[i + 1:i + 2] == "'"):
            j = i + (2 if c == '$' else 1)
            while j < n and s[j] != "'":
                j += 2 if (c == '$' and s[j] == '\\') else 1
            out.append('x')
            i = j + 1
            continue
        if c == '"':
            j = i + 1
            while j < n and s[j] != '"':
                j += 2 if s[j] == '\\' else 1
            out.append('x')
            i = j + 1
            continue
        if s.startswith('$(', i) or s.startswith('<(', i):
            depth, j = 1, i + 2
            while j < n and depth:
                depth += {'(': 1, ')': -1}.get(s[j], 0)
                j += 1
            out.append('x')
            i = j
            continue
        if s.startswith('[[', i):
            j = s.find(']]', i)
            j = n if j < 0 else j + 2
            out.append('[[ x ]]')
            i = j
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def check_line(code):
    """the message for one logical line of a @test body, or None"""
    for cmd in re.split(r';|\bthen\b|\bdo\b|\belse\b|\{|\}', code):
        cmd = cmd.strip()
        if not cmd:
            continue
        if re.match(r'^!\s', cmd):
            return "`! cmd` does not fail the test: use `run ! cmd` or `cmd && false`"
        if '&&' in cmd and '||' not in cmd:
            last = cmd.split('&&')[-1].strip()
            if COND.match(last):
                return "`a && b` does not fail the test when a fails: split it or add `|| false`"
    return None


def lint(path):
    found = 0
    intest = False
    buf, start = '', 0
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        if not intest:
            intest = re.match(r'^@test\s', line) is not None
            continue
        if line.startswith('}'):
            intest = False
            buf = ''
            continue
        if not buf:
            start = no
        buf += line.rstrip('\n')
        if buf.endswith('\\'):
            buf = buf[:-1]
            continue
        msg = check_line(blank_quotes(buf))
        if msg:
            print('%s:%d: %s' % (path, start, msg))
            found += 1
        buf = ''
    return found


files = sys.argv[1:] or sorted(glob.glob('tests/bats/*.bats'))
sys.exit(1 if sum(lint(f) for f in files) else 0)
