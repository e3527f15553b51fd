#!/usr/bin/env bash
# Installs the Debian packages the tests use, when any is missing (root, or sudo).
set -euo pipefail
# command -> package
declare -A need=(
  [systemd-analyze]=systemd   # verifies the unit file
  [dpkg-deb]=dpkg             # builds and inspects the .deb
  [kill]=procps               # SIGTERM to the host under test
  [setsid]=util-linux         # process groups (daemon)
  [getent]=libc-bin           # user lookups (daemon)
  [curl]=curl                 # the README's calls, benchmarks
  [useradd]=passwd            # a second user for run-as-user tests
  [chromium]=chromium         # the terminal page's browser test (driven by playwright-core)
  [ssh]=openssh-client        # terminal sessions over ssh
  [sshd]=openssh-server       # the ssh tests' server
  [nc]=netcat-openbsd         # ssh through a SOCKS5 proxy
  [htop]=htop                 # the programs whose output the terminal's oracle fixtures hold
  [vim]=vim                   #   (scripts/record-terminal-fixtures.py records them again)
  [less]=less
  [tmux]=tmux                 # shell=tmux terminals
)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${need[$cmd]}")
done
# the Native AOT link of the package needs zlib's development files
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
# terminal screenshots draw with DejaVu Sans Mono
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is needed (dotnet on PATH)" >&2; exit 1; }

# The terminal page is built with npm, its browser test runs playwright-core from web/node_modules, and the
# screen model's oracle test runs @xterm/headless from there.
# The same stamp as the build's (src/Terminal/HoodyKit.Terminal.csproj): npm ci only when the lock file changed.
command -v npm >/dev/null || { echo "Node.js 20 and npm are needed (node and npm on PATH): the terminal page is built with npm" >&2; exit 1; }
web=$(cd "$(dirname "$0")/../web" && pwd)
stamp=$web/node_modules/.hoodykit-npm-ci.stamp
if [ ! -e "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ]; then
  echo "npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
