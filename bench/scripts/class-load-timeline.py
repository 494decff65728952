#!/usr/bin/env python3
"""Timeline of class loading from -Xlog:class+load:file=F:uptime: classes per half second and by package.

usage: bench/scripts/class-load-timeline.py F
"""
import re, sys, collections

rows = []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)s\] (\S+) source: (.*)", line)
    if m:
        rows.append((float(m.group(1)), m.group(2), m.group(3)))
print(f"{len(rows)} classes; {sum('shared' in r[2] for r in rows)} from the CDS archive; last at {rows[-1][0]:.2f}s")

def pkg(c, depth):
    parts = c.split(".")
    return ".".join(parts[: depth + (1 if c.startswith("dev.wharf") else 0)])

buckets = collections.defaultdict(collections.Counter)
for t, c, _ in rows:
    buckets[int(t * 2) / 2][pkg(c, 3)] += 1
for b in sorted(buckets):
    print(f"{b:4.1f}s {sum(buckets[b].values()):5d}  " + ", ".join(f"{k}:{v}" for k, v in buckets[b].most_common(4)))
print("by package:", collections.Counter(pkg(c, 2) for _, c, _ in rows).most_common(14))
