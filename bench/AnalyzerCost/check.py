#!/usr/bin/env python3
"""Precision and recall of MMG1001/MMG1002 on a generated bench project (generate.py --faults K).

Reads the MMG1001/MMG1002 diagnostics from a build log and the '// SEEDED-FAULT <id>' markers from the project's
sources. A diagnostic on a marked line finds that fault; any other is a false positive. Prints the counts, the
per-shape table, and every false positive or missed fault. Exits 1 if there is a false positive or a missed fault.

Usage: python3 check.py OUT_DIR BUILD_LOG
"""

import collections
import os
import re
import sys

DIAGNOSTIC = re.compile(r"^(?:\s*\d+>)?\s*(?P<path>[^\s(][^(]*\.cs)\((?P<line>\d+),(?P<col>\d+)\): (?:warning|error|info) (?P<id>MMG100[12]):")
MARKER = re.compile(r"// SEEDED-FAULT (?P<id>F\d+-(?P<shape>[a-z_]+))")


def main():
    out, log = os.path.abspath(sys.argv[1]), sys.argv[2]
    markers = {}
    for root, _, files in os.walk(out):
        if os.sep + "obj" in root or os.sep + "bin" in root:
            continue
        for name in files:
            if not name.endswith(".cs"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                for number, text in enumerate(f, 1):
                    m = MARKER.search(text)
                    if m:
                        markers[(os.path.normpath(path), number)] = (m.group("id"), m.group("shape"))

    diagnostics = set()
    with open(log, encoding="utf-8", errors="replace") as f:
        for text in f:
            m = DIAGNOSTIC.match(text.strip())
            if m:
                path = os.path.normpath(os.path.join(out, m.group("path")) if not os.path.isabs(m.group("path")) else m.group("path"))
                diagnostics.add((path, int(m.group("line")), int(m.group("col")), m.group("id")))

    found = collections.defaultdict(list)
    false_positives = []
    for path, line, col, rule in sorted(diagnostics):
        key = (path, line)
        if key in markers:
            found[key].append(rule)
        else:
            false_positives.append("%s(%d,%d): %s" % (os.path.relpath(path, out), line, col, rule))
    missed = [markers[k][0] for k in sorted(markers) if k not in found]

    by_shape = collections.OrderedDict()
    for key, (fault, shape) in sorted(markers.items(), key=lambda kv: kv[1][0]):
        row = by_shape.setdefault(shape, [0, 0])
        row[0] += 1
        row[1] += 1 if key in found else 0

    print("MMG1001/MMG1002 diagnostics:      %d (%d MMG1001, %d MMG1002)" % (
        len(diagnostics), sum(1 for d in diagnostics if d[3] == "MMG1001"), sum(1 for d in diagnostics if d[3] == "MMG1002")))
    print("false positives:                  %d" % len(false_positives))
    print("seeded faults found:              %d of %d" % (len(found), len(markers)))
    print()
    print("%-24s %8s %8s" % ("fault shape", "seeded", "found"))
    for shape, (seeded, hit) in by_shape.items():
        print("%-24s %8d %8d" % (shape, seeded, hit))
    for text in false_positives:
        print("FALSE POSITIVE " + text)
    for fault in missed:
        print("MISSED " + fault)
    return 1 if false_positives or missed else 0


if __name__ == "__main__":
    sys.exit(main())
