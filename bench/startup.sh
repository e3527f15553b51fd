#!/usr/bin/env bash
# Cold start to healthy, and idle RSS, of the hoodykit host next to its anchor supervisord, in one run,
# alternating. hoodykit is the packaged build (self-contained, ReadyToRun); "healthy" is the first 200
# from GET /api/v1/daemon/health; supervisord's is the first 200 from its own HTTP server. Both are
# polled with the same curl loop. Prints a Markdown table; record it in bench/RESULTS.md.
# Needs: the .NET SDK, curl, supervisor (apt-get install supervisor curl).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
idle=${IDLE_SECONDS:-5}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v supervisord >/dev/null || { echo "supervisord missing: apt-get install supervisor" >&2; exit 1; }
. "$top/bench/lib.sh"

publish_hoodykit "$work/app"
kit=$work/app/hoodykit


# start_and_measure NAME URL CMD...: prints "<ms to healthy> <idle rss kB>"
start_and_measure() {
  local url=$1; shift
  local t0 pid t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "process exited before healthy: $*" >&2; return 1; }
    sleep 0.005
  done
  t1=$(now_ns)
  sleep "$idle"
  echo "$(( (t1 - t0) / 1000000 )) $(rss_kb "$pid")"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

: > "$work/kit.txt"; : > "$work/sup.txt"
for i in $(seq "$runs"); do
  port=$(free_port); data=$work/kit-$i
  start_and_measure "http://127.0.0.1:$port/api/v1/daemon/health" \
    "$kit" --listen "127.0.0.1:$port" --data-dir "$data" --log-dir "$data" >> "$work/kit.txt"
  port=$(free_port); conf=$work/sup-$i.conf
  cat > "$conf" <<CONF
[supervisord]
nodaemon=true
logfile=$work/sup-$i.log
pidfile=$work/sup-$i.pid
[inet_http_server]
port=127.0.0.1:$port
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
CONF
  start_and_measure "http://127.0.0.1:$port/" supervisord -c "$conf" >> "$work/sup.txt"
done

stats() { # file column -> "median min max"
  cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %s %s\n", m, a[1], a[NR]}'
}
read -r km kmin kmax < <(stats "$work/kit.txt" 1)
read -r sm smin smax < <(stats "$work/sup.txt" 1)
read -r kr _ _ < <(stats "$work/kit.txt" 2)
read -r sr _ _ < <(stats "$work/sup.txt" 2)
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

echo "| measure ($runs runs, median [min–max]) | hoodykit $(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo dev) | supervisord $(supervisord --version) | ratio |"
echo "|---|---|---|---|"
echo "| cold start to healthy (ms) | $km [$kmin–$kmax] | $sm [$smin–$smax] | $(ratio "$km" "$sm") |"
echo "| idle RSS after ${idle} s (MB) | $(mb "$kr") | $(mb "$sr") | $(ratio "$kr" "$sr") |"
