#!/usr/bin/env bash
# What sipp itself can drive on this machine (benchmark calibration, not a test): sipp runs
# load.sh's OPTIONS or call scenario against null-responder.c, a C loop that answers 200 at a
# small fraction of a core. Failures here are sipp's own: when its core runs out it falls
# behind, retransmits, and the retransmissions finish it off. Needs gcc.
#
#   drachtio.benchmarks/load/sipp-ceiling.sh 30000 40000 45000
#   SCENARIO=call drachtio.benchmarks/load/sipp-ceiling.sh 24000 30000 36000
#
# Environment: SCENARIO (options or call, default options), DURATION (seconds per run, default
# 30), RUNS (runs per rate, default 3), PORT (default 5098).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DURATION=${DURATION:-30}
RUNS=${RUNS:-3}
PORT=${PORT:-5098}
SCENARIO=${SCENARIO:-options}
case $SCENARIO in
    options | call) ;;
    *) echo "sipp-ceiling.sh: SCENARIO must be options or call" >&2; exit 2 ;;
esac
command -v sipp >/dev/null || { echo "sipp-ceiling.sh: sipp missing (apt-get install -y sip-tester)" >&2; exit 2; }
work=$(mktemp -d)
gcc -O2 -o "$work/null-responder" "$here/null-responder.c"
"$work/null-responder" "$PORT" &
responder=$!
trap 'kill $responder 2>/dev/null; rm -rf "$work"' EXIT
jiffies() { awk '{print $14 + $15}' "/proc/$1/stat"; }
printf '%-8s %-8s %4s %10s %10s %9s %9s %8s %11s\n' scenario offered run completed failed timeouts retrans "sipp %" "responder %"
for rate in "$@"; do
    for run in $(seq "$RUNS"); do
        rm -f "$work/stat.csv"
        (cd "$work" && sipp -nostdin -sf "$here/$SCENARIO.xml" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$rate" \
            -m $((rate * DURATION)) -l $((rate * 10)) -timeout $((DURATION * 3))s -trace_stat -stf "$work/stat.csv" -fd "$DURATION" \
            -max_recv_loops 100000 -max_sched_loops 100000 -buff_size 4194304 > "$work/sipp.out" 2>&1) &
        sipp_pid=$!
        sleep 1
        # sipp's own pid is the subshell's child
        pid=$(pgrep -P "$sipp_pid" sipp || echo "$sipp_pid")
        s0=$(jiffies "$pid"); r0=$(jiffies "$responder"); t0=$(date +%s.%N)
        sleep $((DURATION - 2))
        s1=$(jiffies "$pid" 2>/dev/null || echo "$s0"); r1=$(jiffies "$responder"); t1=$(date +%s.%N)
        wait "$sipp_pid" || true
        # sipp's cumulative counters, last row of its statistics file
        read -r completed failed timeouts retrans < <(python3 - "$work/stat.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
col = lambda name: rows[-1][rows[0].index(name)] if name in rows[0] else '?'
print(col('SuccessfulCall(C)'), col('FailedCall(C)'), col('FailedMaxUDPRetrans(C)'), col('Retransmissions(C)'))
PY
)
        awk -v sc="$SCENARIO" -v rate="$rate" -v run="$run" -v c="$completed" -v f="$failed" -v t="$timeouts" -v r="$retrans" \
            -v s="$((s1 - s0))" -v p="$((r1 - r0))" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" \
            'BEGIN {printf "%-8s %-8s %4s %10s %10s %9s %9s %8.0f %11.0f\n", sc, rate, run, c, f, t, r, s / hz / (t1 - t0) * 100, p / hz / (t1 - t0) * 100}'
    done
done
