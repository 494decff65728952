#!/usr/bin/env python3
"""Where the CPU samples of a JFR recording go: by thread group and by the first matching frame category.

usage: jfr print --events jdk.ExecutionSample --stack-depth 96 REC.jfr | bench/scripts/jfr-breakdown.py
"""
import re, sys, collections

CATEGORIES = [  # first match, searched from the top frame down
    ("sqlite / fsync", r"org\.sqlite|FileDispatcherImpl\.force|\.force\("),
    ("TLS (handshake + record crypto)", r"com\.sun\.crypto|sun\.security|SslHandler\.(wrap|unwrap)|SSLEngine|SSLCipher"),
    ("JSON (Jackson)", r"com\.fasterxml\.jackson"),
    ("OpenAPI/schema validation + defaulting", r"dev\.wharf\.api\.schema|dev\.wharf\.api\.valid|dev\.wharf\.api\.default"),
    ("watch fan-out", r"dev\.wharf\.apiserver\.watch|WatchHub"),
    ("store (txn evaluate, group commit)", r"dev\.wharf\.store"),
    ("apiserver handlers", r"dev\.wharf\.apiserver"),
    ("controllers", r"dev\.wharf\.controller"),
    ("netty I/O", r"io\.netty"),
    ("JDK HttpClient", r"jdk\.internal\.net\.http"),
]

samples = []
cur = None
for line in sys.stdin:
    line = line.rstrip("\n")
    if line.startswith("jdk.ExecutionSample"):
        cur = {"thread": "", "frames": []}
        samples.append(cur)
    elif cur is not None:
        m = re.search(r'sampledThread = "([^"]*)"', line)
        if m:
            cur["thread"] = m.group(1)
        elif line.startswith("    ") and "line:" in line:
            cur["frames"].append(line.strip())

def group(t):
    t = re.sub(r"[-#]?\d+", "", t)
    return t or "(unnamed/virtual)"

by_thread = collections.Counter(group(s["thread"]) for s in samples)
by_cat = collections.Counter()
for s in samples:
    cat = "other"
    for f in s["frames"]:
        hit = next((name for name, rx in CATEGORIES if re.search(rx, f)), None)
        if hit:
            cat = hit
            break
    by_cat[cat] += 1
n = max(1, len(samples))
print(f"{len(samples)} samples")
print("by category (top-most matching frame):")
for k, v in by_cat.most_common():
    print(f"  {100*v/n:5.1f}%  {k}")
print("by thread:")
for k, v in by_thread.most_common(10):
    print(f"  {100*v/n:5.1f}%  {k}")
