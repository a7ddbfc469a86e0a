#!/usr/bin/env bash
# The canvas at 300 nodes in Chromium: the load average, time to first full render, time to pan, wheel-zoom and node-drag
# round trips, longest frame and card lag in a 60 Hz drag, and the same through a 25 ms-each-way TCP proxy. Run with ./dreamx.sh bench canvas [drags]; ./dreamx.sh bench canvas profile shows where the first render's time goes (it provides DREAMX_BENCH_DB and DREAMX_CHROMIUM).
set -euo pipefail
root=${DREAMX_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
project=$root/bench/DreamX.Bench.Canvas/DreamX.Bench.Canvas.csproj

dotnet build "$project" -c Release --nologo -clp:NoSummary -v quiet
# The app finds its static web assets through the content root, as in the UI tests.
cd "$root/DreamX.Web"
dotnet "$root/bench/DreamX.Bench.Canvas/bin/Release/net10.0/DreamX.Bench.Canvas.dll" "$@"
