#!/usr/bin/env bash
# The pipe service next to its anchor peer, in one run, alternating: HoodyKit's /api/v1/pipe (the packaged Native AOT
# build) and piping-server (npm, the pinned version of bench/pipe-peer, started here on loopback). curl sends, curl
# receives, both discard to /dev/null; the file is random bytes in /tmp.
#   1. 1→1: one sender (curl -T file), one receiver; the receiver's average speed (curl's speed_download).
#   2. 1→3: one sender with ?n=3, three receivers; the mean of the three receivers' speeds (per receiver).
#   3. memory: the server's peak RSS (VmHWM after clear_refs) while a 5 GiB stream (head -c … /dev/zero | curl -T -)
#      goes through it, and its growth over the RSS before the stream.
# Every transfer's received byte count is checked. Prints a Markdown table; record it in bench/RESULTS.md.
# Installs the peer with npm ci (bench/pipe-peer). Knobs: ROUNDS (3), SIZE_MB (1024), BIG_MB (5120).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
rounds=${ROUNDS:-3}
size_mb=${SIZE_MB:-1024}
big_mb=${BIG_MB:-5120}
peer=$top/bench/pipe-peer
work=$(mktemp -d)
trap stop_servers EXIT

command -v node >/dev/null || { echo "node and npm are needed (Node.js 20)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
echo "installing the peer's npm packages (npm ci)..." >&2
(cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2)
peerver=$(cd "$peer" && node -p "require('piping-server/package.json').version")

read -r load_before _ < /proc/loadavg
publish_hoodykit "$work/app"
data=$work/data.bin
head -c $((size_mb * 1048576)) /dev/urandom > "$data"
size=$(stat -c %s "$data")

kport=$(free_port)
"$work/app/hoodykit" --listen "127.0.0.1:$kport" --data-dir "$work/kit" --log-dir "$work/kit/logs" >/dev/null 2>&1 &
kitpid=$!
wait_http "http://127.0.0.1:$kport/api/v1/pipe/health" "$kitpid"
pport=$(free_port)
node "$peer/node_modules/piping-server/dist/src/index.js" --host 127.0.0.1 --http-port "$pport" >"$work/peer.log" 2>&1 &
peerpid=$!
wait_http "http://127.0.0.1:$pport/version" "$peerpid"

base_of() { if [ "$1" = kit ]; then echo "http://127.0.0.1:$kport/api/v1/pipe"; else echo "http://127.0.0.1:$pport"; fi; }
pid_of() { if [ "$1" = kit ]; then echo "$kitpid"; else echo "$peerpid"; fi; }
check_size() { # FILE EXPECTED: each line "bytes speed"
  awk -v want="$2" '$1 != want { print "short transfer: " $1 " of " want " bytes" > "/dev/stderr"; bad = 1 } END { exit bad }' "$1"
}

one_to_one() { # SIDE ROUND -> appends MB/s to $work/SIDE-11.txt
  local base path out; base=$(base_of "$1"); path="b11-$2-$RANDOM"; out=$work/$1-11-$2.out
  curl -s "$base/$path" -o /dev/null -w '%{size_download} %{speed_download}\n' > "$out" &
  local r=$!
  sleep 0.2
  curl -s -T "$data" "$base/$path" -o /dev/null
  wait "$r"
  check_size "$out" "$size"
  awk '{ printf "%.1f\n", $2 / 1048576 }' "$out" >> "$work/$1-11.txt"
}

one_to_three() { # SIDE ROUND -> appends the mean per-receiver MB/s to $work/SIDE-13.txt
  local base path out pids=(); base=$(base_of "$1"); path="b13-$2-$RANDOM"; out=$work/$1-13-$2.out
  : > "$out"
  for _ in 1 2 3; do
    curl -s "$base/$path?n=3" -o /dev/null -w '%{size_download} %{speed_download}\n' >> "$out" &
    pids+=($!)
  done
  sleep 0.3
  curl -s -T "$data" "$base/$path?n=3" -o /dev/null
  wait "${pids[@]}"
  check_size "$out" "$size"
  awk '{ s += $2 } END { printf "%.1f\n", s / NR / 1048576 }' "$out" >> "$work/$1-13.txt"
}

memory() { # SIDE -> "rss_before_mb peak_mb" in $work/SIDE-mem.txt
  local base pid path before out; base=$(base_of "$1"); pid=$(pid_of "$1"); path="big-$RANDOM"; out=$work/$1-big.out
  before=$(rss_kb "$pid")
  echo 5 > "/proc/$pid/clear_refs" # resets VmHWM to the current RSS
  curl -s "$base/$path" -o /dev/null -w '%{size_download} %{speed_download}\n' > "$out" &
  local r=$!
  sleep 0.2
  head -c $((big_mb * 1048576)) /dev/zero | curl -s -T - "$base/$path" -o /dev/null
  wait "$r"
  check_size "$out" $((big_mb * 1048576))
  local peak; peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
  echo "$((before / 1024)) $((peak / 1024)) $(awk '{ printf "%.1f", $2 / 1048576 }' "$out")" > "$work/$1-mem.txt"
}

for side in kit peer; do # warm-up, not recorded
  base=$(base_of "$side"); head -c 64M "$data" > "$work/warm.bin"
  curl -s "$base/warm" -o /dev/null & w=$!; sleep 0.2; curl -s -T "$work/warm.bin" "$base/warm" -o /dev/null; wait "$w"
done
for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="kit peer"; else order="peer kit"; fi
  for side in $order; do echo "round $r: $side 1→1" >&2; one_to_one "$side" "$r"; done
  for side in $order; do echo "round $r: $side 1→3" >&2; one_to_three "$side" "$r"; done
done
for side in kit peer; do echo "memory: $side ${big_mb} MiB stream" >&2; memory "$side"; done

python3 - "$work" "$rounds" "$size_mb" "$big_mb" "$load_before" "$(nproc)" \
  "hoodykit $(git -C "$top" describe --always --dirty 2>/dev/null || echo dev)" "piping-server $peerver (node $(node --version))" <<'PY'
import statistics, sys
work, rounds, size_mb, big_mb, load0, cores, kit_name, peer_name = sys.argv[1:]
def nums(name): return [float(x) for x in open(f"{work}/{name}.txt")]
def spread(v): return f"{statistics.median(v):.0f} [{min(v):.0f}–{max(v):.0f}]"
def ratio(a, b): return f"{a / b:.2f}×" if b else "n/a"
k11, p11, k13, p13 = nums("kit-11"), nums("peer-11"), nums("kit-13"), nums("peer-13")
km = open(f"{work}/kit-mem.txt").read().split(); pm = open(f"{work}/peer-mem.txt").read().split()
kg, pg = int(km[1]) - int(km[0]), int(pm[1]) - int(pm[0])
print(f"| measure ({rounds} rounds, alternating; MB = 2^20 bytes) | {kit_name} | {peer_name} | ratio | target |")
print("|---|---|---|---|---|")
print(f"| 1→1 throughput, {size_mb} MiB curl → curl (MB/s, median [min–max]) | {spread(k11)} | {spread(p11)} | "
      f"{ratio(statistics.median(k11), statistics.median(p11))} | ahead, goal ≥ 1.25× |")
print(f"| 1→3 throughput per receiver (MB/s) | {spread(k13)} | {spread(p13)} | "
      f"{ratio(statistics.median(k13), statistics.median(p13))} | ahead, goal ≥ 1.25× |")
print(f"| {big_mb} MiB stream: RSS before → peak (MB) | {km[0]} → {km[1]} | {pm[0]} → {pm[1]} | | |")
print(f"| {big_mb} MiB stream: RSS growth (MB) | {kg} | {pg} | | ≤ 64 MB |")
print(f"| {big_mb} MiB stream: receiver speed (MB/s) | {km[2]} | {pm[2]} | {ratio(float(km[2]), float(pm[2]))} | |")
print()
print(f"Machine: {cores} cores; 1-minute load average {load0} before the build.")
PY
