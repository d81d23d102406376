#!/usr/bin/env bash
# Runs the parser benchmarks: drachtio (proxy mode, fully typed) and JAIN-SIP in one JMH run,
# then prints a summary per message. Not part of the build or CI.
#
#   drachtio.benchmarks/run.sh                      # every message, every parser
#   drachtio.benchmarks/run.sh -p message=invite    # extra JMH options are appended
#   JMH_OPTS="-f 3 -wi 8 -w 2s -i 10 -r 2s -t 1 -prof gc" drachtio.benchmarks/run.sh
#
# The defaults suit a 2-core machine: one fork, one thread (so the JIT and GC threads have the
# other core), and five 2 s warm-up iterations because JAIN-SIP's large parser takes several
# seconds of C2 work before it is at speed.
#
# Summary columns: msgs/s (JMH score, wall clock), ns/msg (its inverse), cpu ns/msg (process
# CPU time per message from CpuTimeProfiler, steadier than wall clock on a shared machine),
# B/msg (gc.alloc.rate.norm from -prof gc).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
jar="$here/target/benchmarks.jar"
out="$here/target/jmh-result.json"
defaults="${JMH_OPTS:--f 1 -wi 5 -w 2s -i 5 -r 2s -t 1 -prof gc -prof drachtio.benchmarks.CpuTimeProfiler -jvmArgsAppend -Xms1g -jvmArgsAppend -Xmx1g}"

stale="$( [ -f "$jar" ] && find "$root/drachtio.api/src" "$root/drachtio.parser/src" "$here/src" "$here/pom.xml" \
    -newer "$jar" -print -quit 2>/dev/null || echo missing)"
if [ -n "$stale" ]; then
    echo "building $jar ..." >&2
    (cd "$root" && { ./mvnw -o -q -pl drachtio.benchmarks -am package -DskipTests \
        || ./mvnw -q -pl drachtio.benchmarks -am package -DskipTests; })
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
echo "jdk:     $("$java" -version 2>&1 | head -1)" >&2
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall-clock figures)" >&2
echo "command: java -jar $jar drachtio.benchmarks.ParserBenchmark $defaults -rf json -rff $out $*" >&2

# shellcheck disable=SC2086 # the defaults are meant to split into words
"$java" -jar "$jar" 'drachtio.benchmarks.ParserBenchmark' $defaults -rf json -rff "$out" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 "$here/summary.py" "$out"
