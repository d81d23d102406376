#!/usr/bin/env bash
# What sipp itself can drive on this machine (benchmark calibration, not a test): sipp sends
# OPTIONS, exactly as load.sh does, to null-responder.c, a C loop that answers 200 at a small
# fraction of a core. Failures here are sipp's own: when its core runs out it falls behind,
# retransmits, and the retransmissions finish it off. Needs gcc.
#
#   drachtio.benchmarks/load/sipp-ceiling.sh 30000 40000 45000
#
# Environment: DURATION (seconds per run, default 30), RUNS (runs per rate, default 3),
# PORT (default 5098).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DURATION=${DURATION:-30}
RUNS=${RUNS:-3}
PORT=${PORT:-5098}
command -v sipp >/dev/null || { echo "sipp-ceiling.sh: sipp missing (apt-get install -y sip-tester)" >&2; exit 2; }
work=$(mktemp -d)
gcc -O2 -o "$work/null-responder" "$here/null-responder.c"
"$work/null-responder" "$PORT" &
responder=$!
trap 'kill $responder 2>/dev/null; rm -rf "$work"' EXIT
jiffies() { awk '{print $14 + $15}' "/proc/$1/stat"; }
printf '%-8s %4s %10s %10s %9s %8s %11s\n' offered run answered failed retrans "sipp %" "responder %"
for rate in "$@"; do
    for run in $(seq "$RUNS"); do
        (cd "$work" && sipp -nostdin -sf "$here/options.xml" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$rate" \
            -m $((rate * DURATION)) -l $((rate * 10)) -timeout $((DURATION * 3))s \
            -max_recv_loops 100000 -max_sched_loops 100000 -buff_size 4194304 > "$work/sipp.out" 2>&1) &
        sipp_pid=$!
        sleep 1
        # sipp's own pid is the subshell's child
        pid=$(pgrep -P "$sipp_pid" sipp || echo "$sipp_pid")
        s0=$(jiffies "$pid"); r0=$(jiffies "$responder"); t0=$(date +%s.%N)
        sleep $((DURATION - 2))
        s1=$(jiffies "$pid" 2>/dev/null || echo "$s0"); r1=$(jiffies "$responder"); t1=$(date +%s.%N)
        wait "$sipp_pid" || true
        # from sipp's final screen: retransmissions and timeouts of the OPTIONS, answers
        read -r retrans timeouts < <(awk '/OPTIONS ---/ {r = $5; t = $6} END {print r, t}' "$work/sipp.out")
        answered=$(awk '/200 <---/ {a = $4} END {print a}' "$work/sipp.out")
        awk -v rate="$rate" -v run="$run" -v a="$answered" -v f="$timeouts" -v r="$retrans" \
            -v s="$((s1 - s0))" -v p="$((r1 - r0))" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" \
            'BEGIN {printf "%-8s %4s %10s %10s %9s %8.0f %11.0f\n", rate, run, a, f, r, s / hz / (t1 - t0) * 100, p / hz / (t1 - t0) * 100}'
    done
done
