#!/usr/bin/env bash
# Heap per established dialog (a benchmark, not a test). Starts the load App (AppLoadServer),
# measures its heap after a full GC, has sipp set up COUNT calls that stay up (hold-call.xml),
# waits until the App holds COUNT dialogs and every INVITE transaction has ended (64*T1), takes
# the heap after a full GC again, and prints (after - before) / COUNT. Then sipp hangs up.
#
#   drachtio.benchmarks/load/dialog-memory.sh 50000
#
# Environment: RATE (calls/s while setting up, default 2000), PORT (default 5097), HEAP (2g).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
count=${1:-50000}
RATE=${RATE:-2000}
PORT=${PORT:-5097}
HEAP=${HEAP:-2g}
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
fi
export JAVA_HOME
jar=drachtio.benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find drachtio.*/src -newer "$jar" -name '*.java' | head -n 1)" ]; then
    ./mvnw -q -B -pl drachtio.benchmarks -am -DskipTests package
fi
work=$(mktemp -d)
"$JAVA_HOME/bin/java" -Xms"$HEAP" -Xmx"$HEAP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$jar" drachtio.benchmarks.load.LoadServer 127.0.0.1 "$PORT" app > "$work/server.log" 2>&1 &
server=$!
sipp_pid=
trap 'rc=$?; [ -n "$sipp_pid" ] && kill "$sipp_pid" 2>/dev/null; kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"; exit $rc' EXIT
for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
# heap in use after a full GC, in bytes
heap_used() {
    "$JAVA_HOME/bin/jcmd" "$server" GC.run > /dev/null
    sleep 1
    "$JAVA_HOME/bin/jcmd" "$server" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | awk '{print $2 * 1024}'
}
dialogs() { grep '^dialogs ' "$work/server.log" | tail -n 1 | awk '{print $2}'; }
# warm up: a few thousand short calls, so classes, JIT and pools are in place before the baseline
(cd "$work" && sipp -nostdin -sf "$here/call.xml" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r 1000 -m 5000 \
    -timeout 60s > /dev/null 2>&1) || true
sleep "${SETTLE:-40}"    # let the warm-up's transactions end (64*T1)
before=$(heap_used)
setup=$((count / RATE + 1))
hold_ms=$(( (setup + 120) * 1000 ))
set +e
(cd "$work" && sipp -nostdin -bg -sf "$here/hold-call.xml" "127.0.0.1:$PORT" -t u1 -i 127.0.0.1 -r "$RATE" \
    -m "$count" -l "$count" -d "$hold_ms" -timeout $((setup + 300))s -max_recv_loops 100000 \
    -buff_size 4194304 > "$work/sipp.out" 2>&1)
set -e
sipp_pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$work/sipp.out")
for _ in $(seq $((setup + 60))); do
    [ "$(dialogs)" = "$count" ] && break
    sleep 1
done
[ "$(dialogs)" = "$count" ] || { echo "only $(dialogs) of $count dialogs came up"; cat "$work/sipp.out"; exit 1; }
sleep "${SETTLE:-40}"    # every INVITE server transaction has ended (64*T1 = 32 s)
after=$(heap_used)
python3 -c "
b, a, n = $before, $after, $count
print(f'dialogs {n}: heap after GC {b / 2**20:.1f} MiB before, {a / 2**20:.1f} MiB with them up: {(a - b) / n:.0f} bytes per dialog')"
