#!/usr/bin/env bash
# The terminal's WebSocket next to its anchor peer, in one run, alternating: HoodyKit's /api/v1/terminal/ws
# (the packaged Native AOT build) and the usual Node.js web terminal, node-pty + ws (bench/terminal-peer/
# server.mjs: one PTY per connection, the same ttyd framing, ttyd-style flow control). One client
# (bench/terminal-peer/client.mjs) measures both; both run `sh -l` on an 80×24 PTY with the same environment.
#   1. keystroke echo: the shell runs `stty raw -echo; exec cat`; one key at a time, each sent when the last
#      one's echo is back and 2 ms have passed (keys while the server is idle, as a person types); round
#      trip WebSocket → PTY → cat → PTY → WebSocket. p50/p99/max over every round's samples.
#   2. output throughput: the shell (with `stty -echo`) runs `cat` of a 200 MB file of base64 lines (76
#      columns, so the screen scrolls once a line, as with build logs) and the client counts output bytes
#      until a sentinel printed after it. MB/s (MB = 2^20 bytes, the bytes on the WebSocket: the PTY turns
#      each \n into \r\n), the server's CPU time per MB (utime + stime from /proc/PID/stat) and its peak RSS
#      during the run (VmHWM after clear_refs). For scale, each round also times the PTY alone (the same
#      `cat` read by a Python loop that discards it): the ceiling for any server on this machine.
# Prints a Markdown table; record it in bench/RESULTS.md. Installs what it needs: python3, make and g++
# (node-pty builds natively) with apt when missing; the pinned npm packages of bench/terminal-peer with npm ci.
# Knobs: ROUNDS (3), SAMPLES (keys a round, 2000), WARMUP (300), GAP_MS (2), SIZE_MB (200).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
rounds=${ROUNDS:-3}
samples=${SAMPLES:-2000}
warmup=${WARMUP:-300}
gap=${GAP_MS:-2}
size_mb=${SIZE_MB:-200}
peer=$top/bench/terminal-peer
work=$(mktemp -d)
trap stop_servers EXIT

# --- tools: node-pty compiles with node-gyp (python3, make, g++) ---
missing=()
for tool in python3 make g++; do command -v "$tool" >/dev/null || missing+=("$tool"); done
command -v node >/dev/null || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (apt)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "installing the peer's npm packages (npm ci)..." >&2
(cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2)
if ! (cd "$peer" && node -e "require('node-pty')" 2>/dev/null); then # an npm that skipped the install script
  (cd "$peer" && npm rebuild node-pty --foreground-scripts >&2)
fi
ptyver=$(cd "$peer" && node -p "require('node-pty/package.json').version")
wsver=$(cd "$peer" && node -p "require('ws/package.json').version")
export CLK_TCK; CLK_TCK=$(getconf CLK_TCK)

read -r load_before _ < /proc/loadavg
publish_hoodykit "$work/app"

# --- the output file: base64 lines of random bytes, ending in a newline ---
out=$work/output.txt
{ head -c $((size_mb * 1048576 * 3 / 4)) /dev/urandom | base64 -w 76 | head -c $((size_mb * 1048576 - 1)) || true; echo; } > "$out"
head -c $((10 * 1048576)) "$out" > "$work/warmup.txt"
# the bytes a client should get: the file, a \r for each \n (ONLCR), and the sentinel line
expected=$(( $(stat -c %s "$out") + $(wc -l < "$out") + 12 ))

# the PTY alone, for scale: `cat` of the same file on a PTY with the same line discipline (ONLCR), read and
# thrown away by a reader that does nothing else; no server can deliver more than this
cat > "$work/pty-alone.py" <<'PY'
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp("cat", ["cat", sys.argv[1]])
n, t0 = 0, time.monotonic()
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    n += len(b)
os.waitpid(pid, 0)
print(n / 1048576 / (time.monotonic() - t0))
PY

# --- the servers, both up for the whole run ---
kport=$(free_port)
"$work/app/hoodykit" --listen "127.0.0.1:$kport" --data-dir "$work/kit" --log-dir "$work/kit/logs" >/dev/null 2>&1 &
kitpid=$!
wait_http "http://127.0.0.1:$kport/api/v1/terminal/health" "$kitpid"
pport=$(free_port)
node "$peer/server.mjs" "$pport" >"$work/peer.log" 2>&1 &
peerpid=$!
wait_http "http://127.0.0.1:$pport/health" "$peerpid"

next_id=100
session() { # SIDE -> $ws, the WebSocket URL of a new session (hoodykit: a fresh terminal id each time)
  if [ "$1" = kit ]; then
    next_id=$((next_id + 1))
    ws="ws://127.0.0.1:$kport/api/v1/terminal/ws?terminal_id=$next_id&shell=sh"
  else
    ws="ws://127.0.0.1:$pport/api/v1/terminal/ws"
  fi
}
pid_of() { if [ "$1" = kit ]; then echo "$kitpid"; else echo "$peerpid"; fi; }
done_with() { # SIDE: hoodykit keeps a session after its client leaves; delete it (the peer kills its PTY)
  if [ "$1" = kit ]; then curl -fs -X DELETE "http://127.0.0.1:$kport/api/v1/terminal/$next_id" >/dev/null || true; fi
}
client() { node "$peer/client.mjs" "$@"; }

# CPU time (ticks) of the machine, of each server with its reaped children (shells, cat), and of this
# script's reaped children (the clients): what is left is the load others put on the machine meanwhile
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
tree_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$1/stat"; }
cpu_marks() { echo "$(busy) $(tree_ticks "$kitpid") $(tree_ticks "$peerpid") $(tree_ticks $$) $(now_ns)"; }
marks0=$(cpu_marks)
for side in kit peer; do # warm-up, not recorded
  session $side; client throughput "$ws" "$work/warmup.txt" "$(pid_of $side)" >/dev/null; done_with $side
done
for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="kit peer"; else order="peer kit"; fi
  for side in $order; do
    echo "round $r: $side echo" >&2
    session $side; client echo "$ws" "$samples" "$warmup" "$gap" > "$work/$side-echo-$r.json"; done_with $side
  done
  python3 "$work/pty-alone.py" "$out" >> "$work/pty-alone.txt"
  for side in $order; do
    echo "round $r: $side throughput" >&2
    session $side; client throughput "$ws" "$out" "$(pid_of $side)" > "$work/$side-tput-$r.json"; done_with $side
  done
done
marks1=$(cpu_marks)
others=$(awk -v a="$marks0" -v b="$marks1" -v hz="$CLK_TCK" 'BEGIN {
  split(a, x, " "); split(b, y, " ")
  mine = (y[2] - x[2]) + (y[3] - x[3]) + (y[4] - x[4])
  printf "%.2f", ((y[1] - x[1]) - mine) / hz / ((y[5] - x[5]) / 1e9) }')

python3 - "$work" "$rounds" "$expected" "$load_before" "$others" \
  "hoodykit $(git -C "$top" describe --always --dirty 2>/dev/null || echo dev)" \
  "node-pty $ptyver + ws $wsver (node $(node --version))" <<'PY'
import json, math, statistics, sys
work, rounds, expected, load0, others, kit_name, peer_name = sys.argv[1:]
rounds, expected = int(rounds), int(expected)
def load(side, test):
    return [json.load(open(f"{work}/{side}-{test}-{r}.json")) for r in range(1, rounds + 1)]
def pct(s, p): return s[min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1)]
res = {}
for side in ("kit", "peer"):
    echo = sorted(x for e in load(side, "echo") for x in e["rtts_us"])
    tp = load(side, "tput")
    res[side] = dict(
        n=len(echo), p50=pct(echo, 50) / 1000, p99=pct(echo, 99) / 1000, max=echo[-1] / 1000,
        mbs=[t["mb_per_s"] for t in tp], cpu=statistics.median(t["cpu_ms_per_mb"] for t in tp),
        rss=max(t["peak_rss_kb"] for t in tp) / 1024, msg=statistics.median(t["messages"] / (t["bytes"] / 1048576) for t in tp),
        client=statistics.median(t["client_cpu_ms_per_mb"] for t in tp),
        lossless=sum(1 for t in tp if t["bytes"] >= expected and t["resets"] == 0),
        resets=sum(t["resets"] for t in tp))
k, p = res["kit"], res["peer"]
def ratio(a, b): return f"{a / b:.2f}" if b else "n/a"
def spread(v): return f"{statistics.median(v):.1f} [{min(v):.1f}–{max(v):.1f}]"
print(f"| measure ({rounds} rounds, alternating) | {kit_name} | {peer_name} | ratio | target |")
print("|---|---|---|---|---|")
print(f"| keystroke echo p50 (ms, {k['n']} keys each) | {k['p50']:.3f} | {p['p50']:.3f} | {ratio(k['p50'], p['p50'])} | ≤ 1 ms |")
print(f"| keystroke echo p99 (ms) | {k['p99']:.3f} | {p['p99']:.3f} | {ratio(k['p99'], p['p99'])} | ≤ 5 ms |")
print(f"| keystroke echo max (ms) | {k['max']:.2f} | {p['max']:.2f} | {ratio(k['max'], p['max'])} | |")
print(f"| output throughput (MB/s, median [min–max]; higher is better) | {spread(k['mbs'])} | {spread(p['mbs'])} | "
      f"{ratio(statistics.median(k['mbs']), statistics.median(p['mbs']))} | ≥ 2× peer |")
print(f"| server CPU per MB of output (ms) | {k['cpu']:.1f} | {p['cpu']:.1f} | {ratio(k['cpu'], p['cpu'])} | |")
print(f"| server peak RSS during throughput (MB) | {k['rss']:.1f} | {p['rss']:.1f} | {ratio(k['rss'], p['rss'])} | |")
print(f"| WebSocket messages per MB | {k['msg']:.0f} | {p['msg']:.0f} | {ratio(k['msg'], p['msg'])} | |")
print(f"| client (node ws) CPU per MB received (ms) | {k['client']:.1f} | {p['client']:.1f} | {ratio(k['client'], p['client'])} | |")
print(f"| runs with every byte delivered, no resync | {k['lossless']}/{rounds} | {p['lossless']}/{rounds} | | |")
alone = [float(x) for x in open(f"{work}/pty-alone.txt")]
print(f"| the PTY alone: `cat` → a reader that discards (MB/s) | {spread(alone)} | | | the ceiling |")
print()
print(f"Load: 1-minute load average {load0} before the build; while measuring, everything else on the machine "
      f"(other sessions, and the kernel workers that move PTY data) used {others} of its cores on average.")
PY
