#!/usr/bin/env bash
# Builds and runs every test project; the last line is "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test HoodyKit.sln --nologo -c Debug 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 73, Skipped: 0, Total: 73, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- ' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
assemblies=$(grep -cE '^(Passed|Failed)! +- ' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "the test run did not complete (build error or crashed test host); see above"
  failed=1
fi
if [ "$assemblies" -lt 2 ] && [ "$status" -eq 0 ]; then
  echo "expected results from 2 test assemblies, found $assemblies"
  status=1; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
