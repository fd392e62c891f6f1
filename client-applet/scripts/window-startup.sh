#!/usr/bin/env bash
# Start-up benchmark of the assist client (docs/BENCHMARKS.md, "Assist client"): the signed jar's
# size, and how long after its JVM starts the window is visible, over RUNS launches. The client logs
# "client window shown ms=N" when the frame is first shown, N measured from the JVM's start time
# (RuntimeMXBean). Needs a display: run it as
#   xvfb-run -a -s "-screen 0 1280x1024x24" client-applet/scripts/window-startup.sh [RUNS]
# after `mvn -B package -DskipTests` (it uses client-applet/target/webassist-client.jar and
# dispatch-server/target/dispatch-server.jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-7}"
jar=client-applet/target/webassist-client.jar
work="$(mktemp -d)"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar dispatch-server/target/dispatch-server.jar --port 0 --http-port 0 --tls-dir "$work/tls" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do grep -q "^dispatch listening" "$work/server.log" && break; sleep 0.1; done
port="$(grep -oE '^dispatch listening tcp=[0-9]+' "$work/server.log" | grep -oE '[0-9]+$')"
fingerprint="$(grep -oE '^dispatch tls fingerprint=[0-9A-F:]+' "$work/server.log" | cut -d= -f2)"

echo "jar: $(stat -c %s "$jar") bytes ($jar)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for i in $(seq 1 "$runs"); do
  log="$work/client-$i.log"
  java -jar "$jar" --server "127.0.0.1:$port" --server-fingerprint "$fingerprint" \
    --page-url "http://shop.example/cart" --customer acme-42 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "client window shown" "$log" && break; sleep 0.05; done
  ms="$(grep -oE 'client window shown ms=[0-9]+' "$log" | grep -oE '[0-9]+$' || echo none)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "run $i: window shown ${ms} ms after JVM start"
  times+=("$ms")
done
printf '%s\n' "${times[@]}" | grep -E '^[0-9]+$' | sort -n | awk '{a[NR]=$1} END {print "min " a[1] " ms, median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " runs"}'
