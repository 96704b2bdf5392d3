#!/usr/bin/env bash
# Builds the fuzz harness (Release), instruments the Zmtp assemblies with SharpFuzz, and runs afl-fuzz on
# one target or all of them, SECONDS each, one after the other. Findings go to fuzz/findings/TARGET/.
#
#   bash fuzz/run.sh TARGET|all SECONDS
#
# Environment: RESUME=1 continues the previous run of a target (afl-fuzz -i -) instead of starting afresh;
# AFL_EXTRA="..." adds afl-fuzz options. Exit status: 0 nothing found, 1 crashes or hangs were found,
# 2 usage or setup error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
OUT="$FUZZ/out"
BIN="$OUT/bin"
FINDINGS="$FUZZ/findings"
TARGETS=(greeting command metadata session handshake endpoint options socket)

usage() {
  echo "usage: bash fuzz/run.sh <${TARGETS[*]// /|}|all> <seconds>" >&2
  exit 2
}

(($# == 2)) || usage
[[ "$2" =~ ^[0-9]+$ ]] && (($2 > 0)) || usage
SECONDS_EACH="$2"
if [[ "$1" == "all" ]]; then
  selected=("${TARGETS[@]}")
elif [[ " ${TARGETS[*]} " == *" $1 "* ]]; then
  selected=("$1")
else
  usage
fi

DOTNET="$(command -v dotnet || true)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- prerequisites ----------------------------------------------------------------------------------
if [[ -z "$DOTNET" ]]; then
  echo "error: 'dotnet' was not found: install the .NET 10 SDK and re-run." >&2
  exit 2
fi

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing afl++ (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "error: afl-fuzz was not found. Install Debian's afl++ package:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y afl++" >&2
    exit 2
  fi
fi

echo "==> dotnet tool restore (SharpFuzz.CommandLine, from .config/dotnet-tools.json)"
(cd "$ROOT" && dotnet tool restore >/dev/null) || {
  echo "error: 'dotnet tool restore' failed: the sharpfuzz tool (SharpFuzz.CommandLine 2.3.0) is needed to instrument." >&2
  exit 2
}

# ---- build and instrument ---------------------------------------------------------------------------
# A fresh publish each time: sharpfuzz rewrites the assemblies in place and refuses already-instrumented ones.
echo "==> dotnet publish fuzz/Zmtp.Fuzz -c Release"
rm -rf "$BIN"
dotnet publish "$FUZZ/Zmtp.Fuzz/Zmtp.Fuzz.csproj" -c Release -o "$BIN" -nologo -v quiet -clp:ErrorsOnly

# Only the code under test is instrumented: the harness (Zmtp.Fuzz*.dll), SharpFuzz and the runtime are not.
for assembly in Zmtp.Protocol Zmtp.Transport Zmtp.Sockets; do
  echo "==> sharpfuzz $assembly.dll"
  (cd "$ROOT" && dotnet tool run sharpfuzz "$BIN/$assembly.dll" >/dev/null)
done

# ---- run ----------------------------------------------------------------------------------------------
# The machine is a container: no CPU frequency control, no core_pattern to set, no terminal; the target
# is `dotnet`, which carries no afl instrumentation of its own (SharpFuzz reports coverage).
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
# Do not pin to a core: another build may be using it.
export AFL_NO_AFFINITY=1
# Starting the .NET runtime and JIT-compiling the first run takes a while on a loaded machine.
export AFL_FORKSRV_INIT_TMOUT=60000

dictionary() {
  case "$1" in
    endpoint) echo "$FUZZ/dict/endpoint.dict" ;;
    options) echo "$FUZZ/dict/options.dict" ;;
    *) echo "$FUZZ/dict/zmtp.dict" ;;
  esac
}

# The targets bound their own waits (3 s) and report a stuck wait as a crash with a stack trace; afl's
# timeout is for code that never returns to such a wait. In-process targets lose the fork server on a
# timeout, so theirs is generous.
timeout_ms() {
  case "$1" in
    session | handshake | socket) echo 8000 ;;
    *) echo 5000 ;;
  esac
}

stat() { # FILE KEY...: the first of the keys present (afl++ renamed some between versions)
  local file="$1" key value
  shift
  for key in "$@"; do
    value="$(sed -n "s/^$key *: *//p" "$file" 2>/dev/null | head -n1)"
    if [[ -n "$value" ]]; then
      echo "$value"
      return
    fi
  done
  echo "?"
}

mkdir -p "$FINDINGS"
summary=()
found=0
for target in "${selected[@]}"; do
  out="$FINDINGS/$target"
  log="$FINDINGS/$target.log"
  input=(-i "$FUZZ/corpus/$target")
  if [[ "${RESUME:-}" == "1" && -d "$out/default" ]]; then
    input=(-i -)
  elif [[ -d "$out" ]]; then
    # Keep the previous run's findings: they are not replaced silently.
    mv "$out" "$out.$(date +%Y%m%d-%H%M%S)"
  fi

  echo
  echo "==> afl-fuzz $target for ${SECONDS_EACH}s (log: ${log#"$ROOT"/})"
  rc=0
  # shellcheck disable=SC2086 # AFL_EXTRA is a list of options.
  afl-fuzz "${input[@]}" -o "$out" -V "$SECONDS_EACH" -t "$(timeout_ms "$target")" -m none \
    -x "$(dictionary "$target")" ${AFL_EXTRA:-} -- "$DOTNET" "$BIN/Zmtp.Fuzz.dll" "$target" >"$log" 2>&1 || rc=$?

  stats="$out/default/fuzzer_stats"
  if [[ ! -f "$stats" ]]; then
    echo "error: afl-fuzz $target did not start (exit code $rc); the end of its log:" >&2
    tail -n 25 "$log" >&2
    summary+=("$(printf '%-10s did not run (exit code %s)' "$target" "$rc")")
    found=2
    continue
  fi

  crashes="$(stat "$stats" saved_crashes unique_crashes)"
  hangs="$(stat "$stats" saved_hangs unique_hangs)"
  summary+=("$(printf '%-10s execs %-9s execs/s %-7s corpus %-5s crashes %-3s hangs %-3s stability %s' "$target" \
    "$(stat "$stats" execs_done)" "$(stat "$stats" execs_per_sec)" "$(stat "$stats" corpus_count paths_total)" \
    "$crashes" "$hangs" "$(stat "$stats" stability)")")

  # Stack traces for whatever was found, so a finding can be read without rerunning it by hand.
  for kind in crashes hangs; do
    if compgen -G "$out/default/$kind/id:*" >/dev/null; then
      ((found == 2)) || found=1
      "$DOTNET" "$BIN/Zmtp.Fuzz.dll" "$target" --replay "$out/default/$kind" >"$out/$kind.txt" 2>&1 || true
      echo "    $kind: ${out#"$ROOT"/}/default/$kind/ (replayed, with stack traces: ${out#"$ROOT"/}/$kind.txt)"
    fi
  done
done

echo
echo "==> summary (${SECONDS_EACH}s per target; findings under ${FINDINGS#"$ROOT"/}/)"
printf '%s\n' "${summary[@]}"
exit "$found"
