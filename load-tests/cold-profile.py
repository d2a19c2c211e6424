#!/usr/bin/env python3
"""Where a cold node spends its first minutes, from a JFR recording taken from its start
(load-tests/cold-start.sh with COLD_JFR). Per bucket of seconds since the recording began:
execution samples and the share whose top frame ran interpreted, JIT compilations (all, from
jdk.CompilerStatistics) and their compile time, those over 100 ms (jdk.Compilation's threshold in the
profile settings), deoptimizations, the compiler threads' and the whole JVM's cores, classes loaded, GC pause time.
Then the top packages of the sampled top frames in two spans (cold, warm).

    load-tests/cold-profile.py <recording.jfr> [bucket_s=30] [cold_from,cold_to] [warm_from,warm_to]

Needs the JDK's `jfr` on the PATH (or JFR=/path/to/jfr) and python3.
"""
import collections, json, os, subprocess, sys
from datetime import datetime

jfr_file = sys.argv[1]
bucket = int(sys.argv[2]) if len(sys.argv) > 2 else 30
spans = [tuple(map(float, a.split(","))) for a in sys.argv[3:5]]
JFR = os.environ.get("JFR", "jfr")


def events(names, depth=1):
    out = subprocess.run([JFR, "print", "--json", "--stack-depth", str(depth), "--events", names, jfr_file],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def ts(e):
    return datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp()


def seconds(v):
    """A JFR duration as printed in JSON: ISO-8601 ("PT1.5S") or a number of nanoseconds."""
    if isinstance(v, (int, float)):
        return v / 1e9
    return dur({"values": {"duration": v}})


def dur(e):
    d = e["values"].get("duration", "PT0S")
    # ISO-8601 "PT0.012345S" or "PT1M2.5S"
    d = d[2:]
    s = 0.0
    if "M" in d:
        m, d = d.split("M")
        s += 60 * float(m)
    if d.endswith("S"):
        s += float(d[:-1] or 0)
    return s


samples = events("jdk.ExecutionSample", depth=1)
comp = events("jdk.Compilation")
cpu = events("jdk.CPULoad")
tcpu = events("jdk.ThreadCPULoad")
cls = events("jdk.ClassLoadingStatistics")
gc = events("jdk.GarbageCollection")
stats = events("jdk.CompilerStatistics")
deopt = events("jdk.Deoptimization")
t0 = min(ts(e) for e in (samples + comp + cpu + cls)[:]) if samples else ts(cpu[0])
cores = os.cpu_count()

B = collections.defaultdict(lambda: collections.Counter())
for e in samples:
    b = int((ts(e) - t0) // bucket)
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    B[b]["samples"] += 1
    if frames and frames[0].get("type") == "Interpreted":
        B[b]["interpreted"] += 1
# jdk.Compilation has a 100 ms threshold in the profile settings: only long compilations, by compiler.
for e in comp:
    b = int((ts(e) - t0) // bucket)
    c = str(e["values"].get("compiler", "?")).lower()
    B[b]["long_c2" if "c2" in c else "long_c1"] += 1
# Every compilation: the JVM's running totals (jdk.CompilerStatistics, each second), as deltas per bucket.
prev = None
for e in sorted(stats, key=ts):
    v = e["values"]
    cur = (v["compileCount"], seconds(v["totalTimeSpent"]))
    if prev is not None:
        b = int((ts(e) - t0) // bucket)
        B[b]["compiles"] += cur[0] - prev[0]
        B[b]["compile_ms"] += 1000 * (cur[1] - prev[1])
    else:
        B[0]["compiles"] += cur[0]
        B[0]["compile_ms"] += 1000 * cur[1]
    prev = cur
for e in deopt:
    B[int((ts(e) - t0) // bucket)]["deopt"] += 1
for e in cpu:
    b = int((ts(e) - t0) // bucket)
    v = e["values"]
    B[b]["cpu_n"] += 1
    B[b]["jvm"] += (v["jvmUser"] + v["jvmSystem"]) * cores
    B[b]["machine"] += v["machineTotal"] * cores
for e in tcpu:
    name = ((e["values"].get("eventThread") or {}).get("osName") or "")
    if "CompilerThread" in name:
        b = int((ts(e) - t0) // bucket)
        B[b]["jit_cores"] += (e["values"]["user"] + e["values"]["system"]) * cores
        B[b]["jit_n_" + name] += 1
last_classes = {}
for e in cls:
    last_classes[int((ts(e) - t0) // bucket)] = e["values"]["loadedClassCount"]
for e in gc:
    B[int((ts(e) - t0) // bucket)]["gc_pause_ms"] += 1000 * float(e["values"].get("sumOfPauses", "PT0S")[2:-1] or 0) \
        if str(e["values"].get("sumOfPauses", "")).startswith("PT") else 0

print(f"recording {jfr_file}: {len(samples)} execution samples, {len(comp)} compilations, {cores} cores")
print(f"{'from_s':>6} {'samples':>7} {'interp%':>7} {'compiles':>8} {'comp_s':>7} {'>100ms':>6} {'deopt':>5} {'jit_cores':>9} "
      f"{'jvm_cores':>9} {'machine':>7} {'classes':>7} {'gc_ms':>6}")
classes = 0
for b in range(0, max(B) + 1 if B else 0):
    x = B[b]
    n_jit = max([x[k] for k in x if k.startswith("jit_n_")] or [0])
    classes = last_classes.get(b, classes)
    print(f"{b * bucket:>6} {x['samples']:>7} {100 * x['interpreted'] / max(1, x['samples']):>7.1f} {x['compiles']:>8} "
          f"{x['compile_ms'] / 1000:>7.1f} {x['long_c1'] + x['long_c2']:>6} {x['deopt']:>5} "
          f"{x['jit_cores'] / max(1, n_jit):>9.2f} {x['jvm'] / max(1, x['cpu_n']):>9.2f} "
          f"{x['machine'] / max(1, x['cpu_n']):>7.2f} {classes:>7} {x['gc_pause_ms']:>6.0f}")


def pkg(frame):
    t = frame["method"]["type"]["name"]
    parts = t.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 else t


if spans:
    deep = events("jdk.ExecutionSample", depth=1)
    for (a, b) in spans:
        c = collections.Counter()
        n = 0
        for e in deep:
            s = ts(e) - t0
            frames = (e["values"].get("stackTrace") or {}).get("frames") or []
            if a <= s < b and frames:
                n += 1
                c[pkg(frames[0]) + (" [interpreted]" if frames[0].get("type") == "Interpreted" else "")] += 1
        print(f"\ntop frames {a:.0f}-{b:.0f} s ({n} samples):")
        for k, v in c.most_common(15):
            print(f"  {100 * v / max(1, n):5.1f}%  {k}")
