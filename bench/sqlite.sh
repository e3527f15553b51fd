#!/usr/bin/env bash
# The sqlite service next to Redis (Debian's redis-server), same machine, same run, 16 connections:
#   1. KV GET over 1,000 hot keys (100 B JSON values)        vs redis-benchmark GET
#   2. KV PUT over 1,000 keys, history on (UPSERT + log row)  vs redis-benchmark SET
#   3. KV incr on one hot key                                 vs redis-benchmark INCR
#   4. POST /db: INSERT in batches of 1,000 rows (valuesBatch), rows/s
# Load: wrk (Debian 4.1.0) with Lua bodies and redis-benchmark; server pinned to core 0, load generator to
# core 1 (taskset) where the machine has two. hoodykit runs as packaged (Native AOT), WAL + synchronous=NORMAL
# (Sqlite:Durability=normal, the default); Redis with appendonly yes + appendfsync everysec (the closest
# durability: neither fsyncs each write). Runs alternate: each round measures hoodykit, then Redis.
# Prints a Markdown table; record it in bench/RESULTS.md.
# Env: RUNS (3), DURATION (10s), CONNS (16), HOODYKIT_BIN (a published hoodykit to reuse).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
runs=${RUNS:-3}
duration=${DURATION:-10s}
conns=${CONNS:-16}
work=$(mktemp -d)
trap stop_servers EXIT
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ "$(nproc)" -ge 2 ]; then server_cpu=(taskset -c 0); load_cpu=(taskset -c 1); pinned="server core 0, load core 1"
else server_cpu=(); load_cpu=(); pinned="not pinned (one core)"; fi
if [ -n "${HOODYKIT_BIN:-}" ]; then bin=$HOODYKIT_BIN; else publish_hoodykit "$work/app"; bin=$work/app/hoodykit; fi

# --- hoodykit ---
port=$(free_port); B="http://127.0.0.1:$port/api/v1/sqlite"
HOODYKIT__Sqlite__DatabaseDir="$work/dbs" "${server_cpu[@]}" "$bin" --listen "127.0.0.1:$port" --data-dir "$work/kit" --log-dir "$work/kit/logs" >/dev/null 2>&1 &
kitpid=$!
wait_http "$B/health" "$kitpid"
curl -fs -X POST "$B/db/create?path=bench&init_kv=true" >/dev/null
value='{"user":"bench-user-0001","score":12345,"tags":["alpha","beta"],"active":true,"note":"0123456789abcdef"}'
for b in $(seq 0 9); do
  items=$(python3 -c "import json,sys; v=json.loads(sys.argv[2]); print(json.dumps({'items':[{'key':'k%d'%i,'value':v} for i in range(int(sys.argv[1])*100,int(sys.argv[1])*100+100)]}))" "$b" "$value")
  curl -fs -X POST "$B/kv/batch/set?db=bench" -H 'Content-Type: application/json' -d "$items" >/dev/null
done
cat > "$work/get.lua" <<'LUA'
request = function() return wrk.format("GET", "/api/v1/sqlite/kv/k" .. math.random(0, 999) .. "?db=bench") end
LUA
cat > "$work/put.lua" <<LUA
wrk.headers["Content-Type"] = "application/json"
local body = '$value'
request = function() return wrk.format("PUT", "/api/v1/sqlite/kv/k" .. math.random(0, 999) .. "?db=bench", nil, body) end
LUA
cat > "$work/incr.lua" <<'LUA'
request = function() return wrk.format("POST", "/api/v1/sqlite/kv/hot/incr?db=bench") end
LUA
python3 - "$work/insert.lua" <<'PY'
import json, sys
rows = [[i, "row-%06d" % i, i * 0.5] for i in range(1000)]
body = json.dumps({"transaction": [{"statement": "INSERT INTO rows(n, name, score) VALUES (?, ?, ?)", "valuesBatch": rows}]})
open(sys.argv[1], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + body + ']==]\n')
PY
curl -fs -X POST "$B/db?db=bench" -d '{"transaction":[{"statement":"CREATE TABLE rows(id INTEGER PRIMARY KEY, n INTEGER, name TEXT, score REAL)"}]}' >/dev/null

# wrk SCRIPT [PATH] [CONNS] -> "rps p99ms"
run_wrk() {
  local c=${3:-$conns} t=2; [ "$c" -lt 2 ] && t=1
  local out; out=$("${load_cpu[@]}" wrk -t"$t" -c"$c" -d"$duration" --latency -s "$1" "http://127.0.0.1:$port${2:-/}" 2>&1)
  if echo "$out" | grep -q "Non-2xx"; then echo "wrk saw errors: $out" >&2; fi
  local rps p99
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p99"
}
# --- redis (idle while hoodykit is measured, and the other way round) ---
rport=$(free_port)
"${server_cpu[@]}" redis-server --port "$rport" --bind 127.0.0.1 --dir "$work" --save "" --appendonly yes --appendfsync everysec >/dev/null 2>&1 &
peerpid=$!
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.01; done
redis_version=$(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')

declare -A kit red
for r in $(seq "$runs"); do
  for w in get put incr; do
    read -r rps p99 < <(run_wrk "$work/$w.lua")
    kit[$w]+="$rps "; kit[${w}_p99]+="$p99 "
  done
  read -r rps _ < <(run_wrk "$work/insert.lua" "/api/v1/sqlite/db?db=bench" 1)
  kit[insert]+="$(awk -v r="$rps" 'BEGIN {printf "%.0f", r * 1000}') "
  out=$("${load_cpu[@]}" redis-benchmark -p "$rport" -c "$conns" -n 200000 -r 1000 -d 100 -t get,set,incr --csv 2>/dev/null)
  for t in GET SET INCR; do
    line=$(echo "$out" | grep "^\"$t\"" | head -1)
    red[$t]+="$(echo "$line" | cut -d, -f2 | tr -d '"') "
    red[${t}_p99]+="$(echo "$line" | cut -d, -f7 | tr -d '"') "
  done
done
kit_rss=$(rss_kb "$kitpid")
check=$(curl -fs -X POST "$B/maintenance?db=bench" -d '{"op":"quick_check"}')
kill "$kitpid"; wait "$kitpid" 2>/dev/null || true; kitpid=

kill "$peerpid"; wait "$peerpid" 2>/dev/null || true; peerpid=

med() { echo "$1" | tr ' ' '\n' | grep -v '^$' | median; }
rev=$(git -C "$top" rev-parse --short HEAD)
echo
echo "### $(date -u +%Y-%m-%d) — $(nproc) cores ($pinned), hoodykit $rev (Native AOT, WAL + synchronous=NORMAL, history on), redis $redis_version (AOF everysec), $conns connections, $runs × $duration, median"
echo
echo "| workload | hoodykit | p99 (ms) | redis | p99 (ms) | ratio | target |"
echo "|---|---|---|---|---|---|---|"
printf "| KV GET, 1k hot keys (req/s) | %.0f | %s | %.0f | %s | %s | ≥ 30k/s |\n" "$(med "${kit[get]}")" "$(med "${kit[get_p99]}")" "$(med "${red[GET]}")" "$(med "${red[GET_p99]}")" "$(ratio "$(med "${kit[get]}")" "$(med "${red[GET]}")")"
printf "| KV PUT, 100 B JSON (req/s) | %.0f | %s | %.0f | %s | %s | ≥ 12k/s |\n" "$(med "${kit[put]}")" "$(med "${kit[put_p99]}")" "$(med "${red[SET]}")" "$(med "${red[SET_p99]}")" "$(ratio "$(med "${kit[put]}")" "$(med "${red[SET]}")")"
printf "| KV incr, one hot key (req/s) | %.0f | %s | %.0f | %s | %s | |\n" "$(med "${kit[incr]}")" "$(med "${kit[incr_p99]}")" "$(med "${red[INCR]}")" "$(med "${red[INCR_p99]}")" "$(ratio "$(med "${kit[incr]}")" "$(med "${red[INCR]}")")"
printf "| POST /db INSERT, 1,000-row valuesBatch, 1 conn (rows/s) | %.0f | | | | | |\n" "$(med "${kit[insert]}")"
echo
echo "hoodykit RSS after the run: $((kit_rss / 1024)) MB; quick_check after the run: $check"
