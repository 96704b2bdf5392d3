#!/usr/bin/env bash
# Runs every test project of the repository (unit tests and interop tests against libzmq) and prints,
# as the very last line, "N passed, N failed" (plus ", N skipped" when tests were skipped).
# Exit status 0 iff nothing failed (and, when CI=true, nothing was skipped).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- prerequisites ---------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: 'dotnet' was not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download) and re-run." >&2
  exit 1
fi

# The interop tests P/Invoke libzmq.so.5 and start /usr/bin/python3 with pyzmq as a peer.
package_installed() {
  local pkg="$1" status
  if command -v dpkg-query >/dev/null 2>&1; then
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] && return 0
  fi
  # Not Debian, or installed another way: look for what the tests actually use.
  case "$pkg" in
    libzmq5) { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -q 'libzmq\.so\.5' ;;
    python3-zmq) [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import zmq' >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

missing=()
for pkg in libzmq5 python3-zmq; do
  package_installed "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing missing packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "error: missing packages: ${missing[*]}" >&2
    echo "install them with:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# ---- discover test projects --------------------------------------------------------------------------
mapfile -t projects < <(find tests interop-tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' 2>/dev/null | sort)
if ((${#projects[@]} == 0)); then
  echo "error: no test projects found under tests/ or interop-tests/" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

results_dir="$ROOT/TestResults/test-sh"
rm -rf "$results_dir"
mkdir -p "$results_dir"

failed_projects=()   # names of projects that failed to build or run (counted as at least one failure)
extra_failed=0       # failures not backed by a test result (build errors, crashes)

# ---- build once ---------------------------------------------------------------------------------------
echo "==> dotnet build Zmtp.sln -c Release"
if ! dotnet build Zmtp.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "error: the solution failed to build; tests below run against whatever did build." >&2
  failed_projects+=("Zmtp.sln (build)")
  extra_failed=$((extra_failed + 1))
fi

# A test project that is not part of the solution was not built above: build it on its own.
in_solution="$(dotnet sln Zmtp.sln list 2>/dev/null | tr '\\' '/' || true)"
for proj in "${projects[@]}"; do
  if ! grep -qxF "$proj" <<<"$in_solution"; then
    echo "warning: $proj is not in Zmtp.sln; building it separately" >&2
    dotnet build "$proj" -c Release -nologo -v quiet -clp:ErrorsOnly || true
  fi
done

# ---- run ------------------------------------------------------------------------------------------------
# Reads one attribute of the <Counters .../> element of a .trx file (0 if absent).
counter() {
  local value
  value="$(grep -o "<Counters [^>]*" "$1" | head -n1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  echo "${value:-0}"
}

total_passed=0 total_failed=0 total_skipped=0
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$results_dir/$name.trx"
  echo
  echo "==> $name"
  started=$SECONDS
  rc=0
  # timeout: last-resort guard if the test host itself wedges (blame-hang only covers running tests).
  timeout --kill-after=30s 15m dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results_dir" --blame-hang-timeout 5m || rc=$?

  if [[ ! -f "$trx" ]]; then
    echo "error: $name did not run (exit code $rc, no test results)" >&2
    failed_projects+=("$name")
    extra_failed=$((extra_failed + 1))
    continue
  fi

  passed="$(counter "$trx" passed)"
  failed=$(($(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  total="$(counter "$trx" total)"
  # VSTest writes skipped tests as results with outcome NotExecuted (its notExecuted counter stays 0).
  skipped="$({ grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true; } | wc -l | tr -d ' ')"
  if ((rc != 0 && failed == 0)); then
    # The host crashed or aborted (or a hang was killed) without a failed test being recorded.
    echo "error: $name exited with code $rc after $passed passed / $total total" >&2
    failed_projects+=("$name")
    failed=1
  elif ((failed > 0)); then
    failed_projects+=("$name")
  fi
  if ((total == 0)); then
    echo "warning: $name contains no tests" >&2
  fi
  echo "--- $name: $passed passed, $failed failed, $skipped skipped ($((SECONDS - started)) s)"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
done
total_failed=$((total_failed + extra_failed))

# ---- summary ----------------------------------------------------------------------------------------------
echo
echo "test results: $results_dir (total $SECONDS s)"
if ((${#failed_projects[@]} > 0)); then
  echo "failed: ${failed_projects[*]}"
fi
status=0
((total_failed == 0)) || status=1
if [[ "${CI:-}" == "true" ]] && ((total_skipped > 0)); then
  echo "error: CI=true and $total_skipped test(s) were skipped; skipped tests are not allowed in CI" >&2
  status=1
fi

summary="$total_passed passed, $total_failed failed"
((total_skipped == 0)) || summary+=", $total_skipped skipped"
echo "$summary"
exit "$status"
