#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints each failed test of a meson test log (testlog.json) with the last
# lines of its output, so that a CI log cut to its end still says what
# failed and why.
import json
import sys

TAIL = 60

def main(path):
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return
    for line in lines:
        try:
            test = json.loads(line)
        except ValueError:
            continue
        if test.get("result") in ("OK", "SKIP", "EXPECTEDFAIL"):
            continue
        print(f"=== {test.get('name')}: {test.get('result')} after "
              f"{test.get('duration', 0):.1f} s ({path})")
        out = (test.get("stdout") or "") + (test.get("stderr") or "")
        for l in out.splitlines()[-TAIL:]:
            print("    " + l)
        print()

if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
