#!/usr/bin/env bash
# Many canvases on one project during a fan-out: the app's connections, per-page latency, failures and memory.
# Run with ./dreamx.sh bench circuits [--pages 100] [--shots 30] [--contexts 4] [--settle 200]
# (it provides DREAMX_BENCH_DB and DREAMX_CHROMIUM).
set -euo pipefail
root=${DREAMX_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
project=$root/bench/DreamX.Bench.Circuits/DreamX.Bench.Circuits.csproj

# The app runs as its own process from its Release build; the bench drives it from outside.
(cd "$root" && dotnet tool restore >/dev/null)
dotnet build "$root/DreamX.Web/DreamX.Web.csproj" -c Release --nologo -clp:NoSummary -v quiet
dotnet build "$project" -c Release --nologo -clp:NoSummary -v quiet
dotnet "$root/bench/DreamX.Bench.Circuits/bin/Release/net10.0/DreamX.Bench.Circuits.dll" "$@"
