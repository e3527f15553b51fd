# Shared helpers for the benchmarks (sourced).
# Run hoodykit as the systemd unit does: a 4 MB young-generation budget (see systemd/hoodykit.service).
export DOTNET_GCgen0size=400000 # hex; the AOT runtime ignores a 0x prefix
publish_hoodykit() { # DIR -> DIR/hoodykit, the packaged build (Native AOT, as packaging/build.sh makes it)
  echo "publishing hoodykit (Release, Native AOT)..." >&2
  dotnet publish "$top/src/Daemon/HoodyKit.Daemon.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$1" --nologo -v quiet >&2
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ns() { date +%s%N; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s\n", m}'; }
wait_http() { # URL PID
  until curl -fs -o /dev/null "$1"; do kill -0 "$2" 2>/dev/null || { echo "process exited before answering: $1" >&2; return 1; }; sleep 0.005; done
}
# Kills the benchmark's hoodykit ($kitpid) and its peer ($peerpid), waits for them and removes $work; a script
# installs it with `trap stop_servers EXIT`.
stop_servers() {
  [ -n "${kitpid:-}" ] && kill "$kitpid" 2>/dev/null
  [ -n "${peerpid:-}" ] && kill "$peerpid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
