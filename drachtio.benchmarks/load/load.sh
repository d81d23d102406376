#!/usr/bin/env bash
# Load benchmark (not a test): a minimal answering app on the embedded stack, driven by sipp
# over UDP on 127.0.0.1 at stepped rates. For each step it prints the offered rate, the
# achieved rate, failed calls, the mean response time, our process's CPU, sipp's CPU, our heap and
# the share of the whole machine left idle.
#
#   drachtio.benchmarks/load/load.sh options 5000 10000 20000      # OPTIONS per second
#   drachtio.benchmarks/load/load.sh options-reader 20000 30000    # the same, answered on the reader
#   drachtio.benchmarks/load/load.sh call 1000 2000 4000           # INVITE-200-ACK-BYE calls/s
#   drachtio.benchmarks/load/load.sh app-options 5000 10000        # OPTIONS through the App's routes
#   drachtio.benchmarks/load/load.sh register 2000 5000            # REGISTER 401/200 digest, 1000 users
#   drachtio.benchmarks/load/load.sh app-call 1000 2000            # calls through the App and dialogs
#   drachtio.benchmarks/load/load.sh call b30000 b60000 b30000     # a step "bRATE": offered by blast.c
#
# A rate written bRATE is offered by blast.c (built with gcc on first use) instead of sipp: one
# thread with sendmmsg/recvmmsg, at several times sipp's rate per core, so the minimal app can be
# driven past what it sustains on a 2-core machine (sipp alone cannot offer much beyond 45,000
# OPTIONS or 30,000 calls per second here). It does not retransmit, so its "failed" counts every
# request or call not completed, whether refused with 503 or never answered; its "timeouts" column
# is the unanswered ones, "sipp %" is blast's own CPU, and the note in brackets gives its 99th
# percentile and maximum response time, the refusals and the datagrams the kernel dropped at our
# socket. CPU is taken over the DURATION seconds of sending; blast then waits DRAIN seconds
# (default 5) for late answers. OPTIONS and calls only (not register); DURATION at most 600.
#
# options and call drive the bare stack (its SPI, no App); options-reader answers OPTIONS at once on
# the UDP reader (StackHandler.answerAtOnce: no virtual thread, as a keep-alive responder would);
# app-* run the same answers as an App.
#
# Environment: DURATION (seconds per step, default 40), PORT (default 5099), HEAP (default 1g),
# JAVA_OPTS (more JVM options for the server, e.g. a JFR recording), SERVER_LOG (a file to keep the
# server's output in), WARMUP_RATE (the warm-up's rate, default 1000), WARMUP (seconds of traffic
# at 1,000/s before the first step, not reported, default 15: a cold JVM carries a fraction of
# what it does once compiled, and the stack sheds what it cannot carry), WORK (rounds of CPU work
# the application does per INVITE and per registration, default 0: about 2 ns each here, the server
# prints what they cost; with it the application, not sipp, sets the rate the process sustains,
# which is how to see the process shed load at twice that rate while sipp still has room), STATS
# (a path prefix: sipp's statistics every second of each step are kept in STATS.RATE.csv, to line
# up with a server log taken with SERVER_LOG).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

kind=${1:?usage: load.sh options|options-reader|call|app-options|app-call|register RATE...}
shift
[ $# -gt 0 ] || set -- 1000 2000 5000
# shellcheck source=kinds.sh
. "$here/kinds.sh"
DURATION=${DURATION:-40}
PORT=${PORT:-5099}
HEAP=${HEAP:-1g}

command -v sipp >/dev/null || { echo "load.sh: sipp missing (apt-get install -y sip-tester)" >&2; exit 2; }
jar=drachtio.benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find drachtio.*/src -newer "$jar" -name '*.java' | head -n 1)" ]; then
    ./mvnw -q -B -pl drachtio.benchmarks -am -DskipTests package
fi

work=$(mktemp -d)
users_for "$work"
# AlwaysPreTouch: the kernel maps the whole heap at start. Without it, the first seconds at a
# higher rate fault in eden pages one by one (4 KiB each, zeroed), which doubled the cost of
# every request until the heap had been touched once and tipped first steps into a collapse.
"$JAVA_HOME/bin/java" -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dload.work="${WORK:-0}" \
    ${JAVA_OPTS:-} -cp "$jar" drachtio.benchmarks.load.LoadServer 127.0.0.1 "$PORT" "$mode" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; [ -z "${SERVER_LOG:-}" ] || cp "$work/server.log" "$SERVER_LOG"; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/server.log" || { cat "$work/server.log"; exit 1; }
grep '^work per call' "$work/server.log" || true

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# heap in use after the step: the "used NK" figures of every generation, from jcmd
# the whole machine's idle jiffies and all jiffies, from /proc/stat
machine() { awk '/^cpu /{t = 0; for (i = 2; i <= NF; i++) t += $i; print $5 + $6, t}' /proc/stat; }
heap_mb() { "$JAVA_HOME/bin/jcmd" "$server" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | awk '{s += $2} END {printf "%.0f", s / 1024}'; }

WARMUP=${WARMUP:-15}
WARMUP_RATE=${WARMUP_RATE:-1000}
wbuff=()
[ "$WARMUP_RATE" -gt 5000 ] && wbuff=(-buff_size 4194304)
if [ "$WARMUP" -gt 0 ]; then
    (cd "$work" && sipp -nostdin -sf "$scenario" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$WARMUP_RATE" \
        -m $((WARMUP_RATE * WARMUP)) "${wbuff[@]}" \
        -timeout $((WARMUP * 3))s "${inf[@]}" > "$work/warmup.out" 2>&1) || true
fi

printf '%-12s %10s %10s %8s %10s %10s %8s %8s %8s %7s\n' kind offered/s achieved/s failed "resp ms" "timeouts" "cpu %" "sipp %" "heap MB" "idle %"
blast=
case $kind in *call) blast_kind=call ;; register) blast_kind= ;; *) blast_kind=options ;; esac
# datagrams the kernel dropped at our UDP socket for want of room in its receive buffer
udp_drops() { awk -v port="$(printf '%04X' "$PORT")" 'NR > 1 && $2 ~ ":" port "$" {print $NF}' /proc/net/udp; }
blast_step() { # RATE: one step offered by blast.c instead of sipp (no retransmission, see there)
    local rate=$1 pid gen0 gen1 c0 c1 m0 m1 t0 t1 d0 d1
    [ -n "$blast_kind" ] || { echo "load.sh: blast offers OPTIONS and calls, not $kind" >&2; return 1; }
    [ -n "$blast" ] || { blast=$work/blast; gcc -O2 -o "$blast" "$here/blast.c"; }
    c0=$(cpu); m0=$(machine); t0=$(date +%s.%N); d0=$(udp_drops)
    "$blast" 127.0.0.1 "$PORT" "$blast_kind" "$rate" "$DURATION" "${DRAIN:-5}" > "$work/blast.out" &
    pid=$!
    # both processes' CPU over the DURATION seconds of sending, not the drain after them
    gen0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$DURATION"
    t1=$(date +%s.%N); c1=$(cpu); m1=$(machine)
    gen1=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "$gen0")
    wait "$pid"
    d1=$(udp_drops)
    [ -z "${STATS:-}" ] || cp "$work/blast.out" "$STATS.b$rate.txt"
    python3 - "$work/blast.out" "$kind" "$rate" "$t0" "$t1" "$c0" "$c1" "$ticks" "$(heap_mb)" "$((gen1 - gen0))" "$m0" "$m1" "$((d1 - d0))" <<'PY'
import sys
path, kind, rate, t0, t1, c0, c1, ticks, heap, gen, m0, m1, drops = sys.argv[1:]
(i0, a0), (i1, a1) = (map(int, m.split()) for m in (m0, m1))
idle = (i1 - i0) / max(1, a1 - a0) * 100
line = [l for l in open(path) if l.startswith('summary ')][0]
v = dict(f.split('=') for f in line.split()[1:])
n = lambda k: int(v[k])
failed = n('offered') - n('completed')
elapsed = float(t1) - float(t0)
cpu = (float(c1) - float(c0)) / float(ticks) / elapsed * 100
gen = float(gen) / float(ticks) / elapsed * 100
why = ', '.join([f"{k}={v[k]}" for k in ('refused', 'unanswered', 'unsent', 'answered', 'failed', 'retransmitted', 'too_long') if v[k] != '0']
                + ([f"kernel drops={drops}"] if drops != '0' else [])
                # blast itself short of CPU: its requests went out later than their schedule
                + ([f"BLAST FELL BEHIND by {v['lag_ms']} ms, last request at {v['last_sent_s']} s"] if float(v['lag_ms']) > 100 else []))
print(f"{kind + '/blast':<12} {int(rate):>10} {n('completed') / int(v['seconds']):>10.0f} {failed:>8} {float(v['mean_ms']):>10.2f} "
      f"{v['unanswered']:>10} {cpu:>8.0f} {gen:>8.0f} {heap:>8} {idle:>7.0f}  (p99 {v['p99_ms']} ms, max {v['max_ms']} ms" + (f"; {why})" if why else ")"))
PY
}
for rate in "$@"; do
    if [ "${rate#b}" != "$rate" ]; then
        blast_step "${rate#b}"
        continue
    fi
    calls=$((rate * DURATION))
    every=$DURATION
    [ -z "${STATS:-}" ] || every=1
    buff=()
    [ "$rate" -gt 5000 ] && buff=(-buff_size 4194304)
    c0=$(cpu); m0=$(machine); t0=$(date +%s.%N)
    set +e
    (cd "$work" && sipp -nostdin -bg -sf "$scenario" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$rate" -m "$calls" \
        -l $((rate * 10)) -timeout $((DURATION * 3))s -trace_stat -stf "$work/stat.csv" -fd "$every" \
        -max_recv_loops 100000 -max_sched_loops 100000 "${buff[@]}" "${inf[@]}" > "$work/sipp.out" 2>&1)
    # -bg returns at once: wait for sipp to finish its calls
    pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$work/sipp.out")
    # sipp's own CPU: sampled while it runs (it is gone once its calls are done)
    sipp_cpu=0
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
        sipp_cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "$sipp_cpu"); sleep 0.5
    done
    set -e
    t1=$(date +%s.%N); c1=$(cpu); m1=$(machine)
    python3 - "$work/stat.csv" "$kind" "$rate" "$t0" "$t1" "$c0" "$c1" "$ticks" "$(heap_mb)" "$sipp_cpu" "$m0" "$m1" <<'PY'
import csv, sys
path, kind, rate, t0, t1, c0, c1, ticks, heap, sipp_cpu, m0, m1 = sys.argv[1:]
(i0, a0), (i1, a1) = (map(int, m.split()) for m in (m0, m1))
idle = (i1 - i0) / max(1, a1 - a0) * 100
rows = list(csv.reader(open(path), delimiter=';'))
head, last = rows[0], rows[-1]
col = lambda name: last[head.index(name)]
ok, failed = int(col('SuccessfulCall(C)')), int(col('FailedCall(C)'))
elapsed = float(t1) - float(t0)
def ms(t):  # sipp writes hh:mm:ss:micro
    h, m, s, us = (t.split(':') + ['0'] * 4)[:4]
    return (int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(us) / 1000
# sipp's own clock for the calls; our wall clock (for CPU) also covers its start and stop
calls_s = ms(col('ElapsedTime(C)')) / 1000 or elapsed
resp = ms(col('ResponseTime1(C)'))
timeouts = col('FailedMaxUDPRetrans(C)') if 'FailedMaxUDPRetrans(C)' in head else '?'
cpu = (float(c1) - float(c0)) / float(ticks) / elapsed * 100
sipp = float(sipp_cpu) / float(ticks) / elapsed * 100
why = ', '.join(f"{h[6:-3]}={last[i]}" for i, h in enumerate(head)
                if h.startswith('Failed') and h.endswith('(C)') and h != 'FailedCall(C)' and last[i] not in ('0', ''))
print(f"{kind:<12} {int(rate):>10} {ok / calls_s:>10.0f} {failed:>8} {resp:>10.2f} {timeouts:>10} {cpu:>8.0f} {sipp:>8.0f} {heap:>8} {idle:>7.0f}" + (f"  ({why})" if why else ""))
PY
    [ -z "${STATS:-}" ] || cp "$work/stat.csv" "$STATS.$rate.csv"
done
