#!/usr/bin/env bash
# The supervisor next to supervisord 4.2.5 (Debian's `supervisor`), same programs, same machine, one run:
#   1. crash -> new process running: a program that has been RUNNING exits 1; time until its next start
#   2. stop of a 101-process tree (sh + 100 sleeps), and how many processes are left behind
#   3. start of 50 programs until all are RUNNING
#   4. supervisor RSS with those 50 programs running
# Prints a Markdown table; record it in bench/RESULTS.md. Needs root for nothing; installs supervisor if missing.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
trials=${TRIALS:-5}
work=$(mktemp -d)
cleanup() {
  [ -n "${kitpid:-}" ] && kill "$kitpid" 2>/dev/null
  [ -n "${suppid:-}" ] && kill "$suppid" 2>/dev/null
  wait 2>/dev/null || true
  pkill -f "$work/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if ! command -v supervisord >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends supervisor >/dev/null
fi
publish_hoodykit "$work/app"

# --- the programs (shell scripts under $work, so leftovers are easy to count with pkill -f/pgrep -f) ---
cat > "$work/crasher.sh" <<'EOF'
#!/bin/sh
# records its start, runs past startsecs, records its exit, then crashes
echo "start $(date +%s%N)" >> "$1"
sleep 1.5
echo "exit $(date +%s%N)" >> "$1"
exit 1
EOF
cat > "$work/tree.sh" <<'EOF'
#!/bin/sh
for i in $(seq 100); do sleep 1000 & done
wait
EOF
cat > "$work/idle.sh" <<'EOF'
#!/bin/sh
exec sleep 1000
EOF
chmod +x "$work"/*.sh
leftovers() { { pgrep -f "$work/tree.sh|sleep 1000" 2>/dev/null || true; } | wc -l; }
starts() { { grep -c start "$1" 2>/dev/null || true; } | head -1; }
sleepers() { pgrep -fc 'sleep 1000' 2>/dev/null || true; }
# restart latency in ms from a timeline file: first "exit" to the "start" after it
restart_ms() { awk '$1=="exit" && !e {e=$2} $1=="start" && e && !s && $2>e {s=$2} END {printf "%.1f\n", (s-e)/1e6}' "$1"; }

# --- hoodykit ---
port=$(free_port); H="http://127.0.0.1:$port/api/v1/daemon"
"$work/app/hoodykit" --listen "127.0.0.1:$port" --data-dir "$work/kit" --log-dir "$work/kit/logs" >/dev/null 2>&1 &
kitpid=$!
wait_http "$H/health" "$kitpid"
add() { curl -fs -X POST "$H/programs/add" -H 'Content-Type: application/json' -d "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

: > "$work/kit-restart.txt"
for t in $(seq "$trials"); do
  line="$work/kit-crash-$t.txt"
  id=$(add "{\"name\":\"crash$t\",\"command\":\"$work/crasher.sh $line\",\"user\":\"$(id -un)\",\"autorestart\":\"unexpected\"}")
  curl -fs -X POST "$H/programs/$id/start" >/dev/null
  until [ "$(starts "$line")" -ge 2 ] 2>/dev/null; do sleep 0.05; done
  curl -fs -X POST "$H/programs/$id/stop" >/dev/null
  restart_ms "$line" >> "$work/kit-restart.txt"
done

id=$(add "{\"name\":\"tree\",\"command\":\"$work/tree.sh\",\"user\":\"$(id -un)\"}")
curl -fs -X POST "$H/programs/$id/start" -H 'Content-Type: application/json' -d '{"wait":true}' >/dev/null
until [ "$(sleepers)" -ge 100 ]; do sleep 0.05; done
t0=$(now_ns); curl -fs -X POST "$H/programs/$id/stop" >/dev/null; t1=$(now_ns)
kit_stop_ms=$(( (t1 - t0) / 1000000 )); sleep 0.5; kit_left=$(leftovers)

ids=()
for i in $(seq 50); do ids+=("$(add "{\"name\":\"idle$i\",\"command\":\"$work/idle.sh\",\"user\":\"$(id -un)\"}")"); done
t0=$(now_ns)
for id in "${ids[@]}"; do curl -fs -X POST "$H/programs/$id/start" -H 'Content-Type: application/json' -d '{"wait":true}' >/dev/null & done
wait $(jobs -p | grep -v "^$kitpid$") 2>/dev/null || true
t1=$(now_ns); kit_start50_ms=$(( (t1 - t0) / 1000000 ))
sleep 5; kit_rss=$(rss_kb "$kitpid")
kill -TERM "$kitpid"; wait "$kitpid" 2>/dev/null || true; kitpid=""
kit_left_after=$(leftovers)

# --- supervisord ---
conf="$work/sup.conf"
{
  echo "[supervisord]"; echo "nodaemon=true"; echo "logfile=$work/sup.log"; echo "pidfile=$work/sup.pid"; echo "childlogdir=$work"
  echo "[unix_http_server]"; echo "file=$work/sup.sock"
  echo "[supervisorctl]"; echo "serverurl=unix://$work/sup.sock"
  echo "[rpcinterface:supervisor]"; echo "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface"
  for t in $(seq "$trials"); do
    printf '[program:crash%s]\ncommand=%s/crasher.sh %s/sup-crash-%s.txt\nautostart=false\nautorestart=unexpected\n' "$t" "$work" "$work" "$t"
  done
  printf '[program:tree]\ncommand=%s/tree.sh\nautostart=false\nstopasgroup=true\nkillasgroup=true\n' "$work"
  for i in $(seq 50); do printf '[program:idle%s]\ncommand=%s/idle.sh\nautostart=false\n' "$i" "$work"; done
} > "$conf"
supervisord -c "$conf" >/dev/null 2>&1 &
suppid=$!
until supervisorctl -c "$conf" status >/dev/null 2>&1 || [ $? -eq 3 ]; do sleep 0.05; done
ctl() { supervisorctl -c "$conf" "$@" >/dev/null 2>&1 || true; }

: > "$work/sup-restart.txt"
for t in $(seq "$trials"); do
  line="$work/sup-crash-$t.txt"
  ctl start "crash$t"
  until [ "$(starts "$line")" -ge 2 ] 2>/dev/null; do sleep 0.05; done
  ctl stop "crash$t"
  restart_ms "$line" >> "$work/sup-restart.txt"
done

ctl start tree
until [ "$(sleepers)" -ge 100 ]; do sleep 0.05; done
t0=$(now_ns); ctl stop tree; t1=$(now_ns)
sup_stop_ms=$(( (t1 - t0) / 1000000 )); sleep 0.5; sup_left=$(leftovers)

t0=$(now_ns); ctl start $(for i in $(seq 50); do printf 'idle%s ' "$i"; done); t1=$(now_ns)
sup_start50_ms=$(( (t1 - t0) / 1000000 ))
sleep 5; sup_rss=$(rss_kb "$suppid")
kill -TERM "$suppid"; wait "$suppid" 2>/dev/null || true; suppid=""
sup_left_after=$(leftovers)

kr=$(median < "$work/kit-restart.txt"); sr=$(median < "$work/sup-restart.txt")
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "| measure | hoodykit $(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo dev) | supervisord $(supervisord --version) | ratio |"
echo "|---|---|---|---|"
echo "| crash → new process started (ms, median of $trials) | $kr | $sr | $(ratio "$kr" "$sr") |"
echo "| stop a 101-process tree (ms) | $kit_stop_ms | $sup_stop_ms | $(ratio "$kit_stop_ms" "$sup_stop_ms") |"
echo "| processes left after that stop | $kit_left | $sup_left | |"
echo "| start 50 programs to RUNNING (ms) | $kit_start50_ms | $sup_start50_ms | $(ratio "$kit_start50_ms" "$sup_start50_ms") |"
echo "| supervisor RSS with 50 programs (MB) | $(mb "$kit_rss") | $(mb "$sup_rss") | $(ratio "$kit_rss" "$sup_rss") |"
echo "| processes left after the supervisor stopped | $kit_left_after | $sup_left_after | |"
