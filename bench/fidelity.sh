#!/usr/bin/env bash
# Runs the built-in writer and voices on the ideas in bench/fidelity/ideas.tsv (no compose). Last line:
#   fidelity: N ideas, S s episodes, protagonist X %, key object Y %, distinct loglines D/N, length error median M %, max W %
set -euo pipefail
root=${DREAMX_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
dotnet build "$root/bench/DreamX.Bench.Fidelity" -c Release -nologo -v quiet >&2
exec dotnet "$root/bench/DreamX.Bench.Fidelity/bin/Release/net10.0/DreamX.Bench.Fidelity.dll" "${1:-$root/bench/fidelity/ideas.tsv}" "${@:2}"
