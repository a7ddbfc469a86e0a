#!/usr/bin/env bash
# The generation engine's benchmark: queues 500 no-op tasks on the throwaway PostgreSQL that
# ./dreamx.sh bench provides and prints tasks/s and the median engine overhead per task.
set -euo pipefail
repo=${DREAMX_REPO_ROOT:?run through ./dreamx.sh bench engine}
dotnet build "$repo/bench/DreamX.Bench" -c Release --nologo -clp:NoSummary -v quiet
dotnet "$repo/bench/DreamX.Bench/bin/Release/net10.0/DreamX.Bench.dll" engine --db "${DREAMX_BENCH_DB:?}" "$@"
