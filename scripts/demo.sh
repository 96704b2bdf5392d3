#!/usr/bin/env bash
# Builds and runs the Zmtp CLI demo (pure managed; installs nothing). Extra arguments go to the demo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: 'dotnet' was not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download) and re-run." >&2
  exit 1
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet run --project src/Zmtp.Cli -c Release -- demo "$@"
