#!/usr/bin/env bash
# Runs the parser benchmarks: drachtio (proxy mode, fully typed) and JAIN-SIP in one JMH run,
# then prints msgs/s, ns/msg and bytes allocated per message. Not part of the build or CI.
#
#   drachtio.benchmarks/run.sh                      # every message, every parser
#   drachtio.benchmarks/run.sh -p message=invite    # extra JMH options are appended
#   JMH_OPTS="-f 3 -wi 8 -w 2s -i 10 -r 2s -t 1 -prof gc" drachtio.benchmarks/run.sh
#
# The defaults suit a 2-core machine: one fork, one thread (so the JIT and GC threads have the
# other core), and five 2 s warm-up iterations because JAIN-SIP's large parser takes several
# seconds of C2 work before it is at speed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
jar="$here/target/benchmarks.jar"
out="$here/target/jmh-result.json"
defaults="${JMH_OPTS:--f 1 -wi 5 -w 2s -i 5 -r 2s -t 1 -prof gc -jvmArgsAppend -Xms1g -jvmArgsAppend -Xmx1g}"

stale="$( [ -f "$jar" ] && find "$root/drachtio.api/src" "$root/drachtio.parser/src" "$here/src" "$here/pom.xml" \
    -newer "$jar" -print -quit 2>/dev/null || echo missing)"
if [ -n "$stale" ]; then
    echo "building $jar ..." >&2
    (cd "$root" && { mvn -o -q -pl drachtio.benchmarks -am package -DskipTests \
        || mvn -q -pl drachtio.benchmarks -am package -DskipTests; })
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
echo "jdk:     $("$java" -version 2>&1 | head -1)" >&2
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)" >&2
echo "command: java -jar $jar ParserBenchmark $defaults -rf json -rff $out $*" >&2

# shellcheck disable=SC2086 # the defaults are meant to split into words
"$java" -jar "$jar" 'drachtio.benchmarks.ParserBenchmark' $defaults -rf json -rff "$out" "$@"

python3 - "$out" <<'EOF'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    msg = r["params"]["message"]
    p = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    rows.setdefault(msg, {})[name] = (p["score"], p["scoreError"], alloc)
print()
print(f"{'message':9} {'parser':14} {'msgs/s':>12} {'± error':>10} {'ns/msg':>9} {'B/msg':>8}")
for msg in ("invite", "ok200", "register", "options"):
    if msg not in rows:
        continue
    for name in ("drachtioProxy", "drachtioFull", "jainSip"):
        if name in rows[msg]:
            s, e, a = rows[msg][name]
            e = float(e)  # JMH writes "NaN" when there is a single iteration
            err = "" if e != e else f"{e:,.0f}"
            al = "" if a is None else f"{a:,.0f}"
            print(f"{msg:9} {name:14} {s:12,.0f} {err:>10} {1e9 / s:9,.0f} {al:>8}")
    if "drachtioFull" in rows[msg] and "jainSip" in rows[msg]:
        print(f"{msg:9} {'full/JAIN-SIP':14} {rows[msg]['drachtioFull'][0] / rows[msg]['jainSip'][0]:11.2f}x")
EOF
