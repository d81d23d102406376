"""Prints a per-message summary of a JMH JSON result from ParserBenchmark (see run.sh).

"best it." is the fastest measurement iteration: on a shared machine the least disturbed one.
"""
import json
import sys


def fmt(value, spec):
    # None when a profiler was off; NaN when JMH had a single iteration
    return "" if value is None or value != value else format(value, spec)


rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    msg = r["params"]["message"]
    primary = r["primaryMetric"]
    secondary = r.get("secondaryMetrics", {})
    alloc = secondary.get("gc.alloc.rate.norm", {}).get("score")
    cpu = secondary.get("cpu.time.norm", {}).get("score")
    best = max(v for fork in primary["rawData"] for v in fork)
    rows.setdefault(msg, {})[name] = (primary["score"], float(primary["scoreError"]), alloc, cpu, best)

print()
print(f"{'message':9} {'parser':14} {'msgs/s':>11} {'± error':>10} {'best it.':>10} {'ns/msg':>8} {'cpu ns/msg':>10} "
      f"{'B/msg':>8}")
for msg in ("invite", "ok200", "register", "options"):
    for name in ("drachtioProxy", "drachtioFull", "jainSip"):
        if name in rows.get(msg, {}):
            score, err, alloc, cpu, best = rows[msg][name]
            print(f"{msg:9} {name:14} {score:11,.0f} {fmt(err, ',.0f'):>10} {best:10,.0f} {1e9 / score:8,.0f} "
                  f"{fmt(cpu, ',.0f'):>10} {fmt(alloc, ',.0f'):>8}")
    if "drachtioFull" in rows.get(msg, {}) and "jainSip" in rows[msg]:
        full, jain = rows[msg]["drachtioFull"], rows[msg]["jainSip"]
        line = f"{msg:9} {'full/JAIN-SIP':14} {full[0] / jain[0]:.2f}x by msgs/s, {full[4] / jain[4]:.2f}x by best iteration"
        if full[3] and jain[3]:
            line += f", {jain[3] / full[3]:.2f}x by cpu ns/msg"
        print(line)
