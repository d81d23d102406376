#!/usr/bin/env bash
# A/B benchmark (not a test): the same load against several builds of the load server, one
# after the other in one sitting, reporting our process's CPU per call. Pass each build's
# benchmarks.jar (copy drachtio.benchmarks/target/benchmarks.jar aside after each build);
# alternate them (A B A B) so that drift of the machine shows.
#
#   drachtio.benchmarks/load/ab.sh app-call 8000 /tmp/base.jar /tmp/new.jar /tmp/base.jar /tmp/new.jar
#
# A build may carry JVM options for its server after a '+' each, to compare settings of one build:
#
#   drachtio.benchmarks/load/ab.sh register 12000 /tmp/new.jar /tmp/new.jar+-XX:PerMethodTrapLimit=0
#
# Per jar: a server (3 GB heap, pre-touched), 20 s of warm-up at 3,000/s, then RATE for 40 s;
# the CPU is read over seconds 5 to 35 of that step. KIND as in load.sh.
set -euo pipefail
kind=${1:?usage: ab.sh KIND RATE JAR...}
rate=${2:?usage: ab.sh KIND RATE JAR...}
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=kinds.sh
. "$here/kinds.sh"
PORT=${PORT:-5099}
jiffies() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for build in "$@"; do
    IFS=+ read -r -a parts <<< "$build"
    jar=${parts[0]}
    opts=("${parts[@]:1}")
    work=$(mktemp -d)
    users_for "$work"
    "$JAVA_HOME/bin/java" -Xms3g -Xmx3g -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        ${opts[@]+"${opts[@]}"} -cp "$jar" drachtio.benchmarks.load.LoadServer 127.0.0.1 "$PORT" "$mode" > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
    (cd "$work" && sipp -nostdin -sf "$scenario" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r 3000 -m 60000 \
        -timeout 100s "${inf[@]}" > warm.out 2>&1) || true
    (cd "$work" && sipp -nostdin -sf "$scenario" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$rate" -m $((rate * 40)) \
        -l $((rate * 10)) -timeout 120s -trace_stat -stf stat.csv -fd 40 -max_recv_loops 100000 \
        -max_sched_loops 100000 -buff_size 4194304 "${inf[@]}" > sipp.out 2>&1) &
    sipp_pid=$!
    sleep 5
    c0=$(jiffies "$server")
    sleep 30
    c1=$(jiffies "$server")
    wait "$sipp_pid" || true
    kill "$server"; wait "$server" 2>/dev/null || true
    python3 - "$build" "$c0" "$c1" "$(getconf CLK_TCK)" "$work/stat.csv" "$rate" <<'PY'
import csv, sys
jar, c0, c1, ticks, stat, rate = sys.argv[1:]
cpu = (int(c1) - int(c0)) / int(ticks) / 30 * 100
rows = list(csv.reader(open(stat), delimiter=';'))
head, last = rows[0], rows[-1]
ok, failed = last[head.index('SuccessfulCall(C)')], last[head.index('FailedCall(C)')]
print(f"{jar:50} cpu {cpu:5.1f} %  {cpu / 100 / int(rate) * 1e6:6.1f} us per call  ok {ok} failed {failed}")
PY
    rm -rf "$work"
done
