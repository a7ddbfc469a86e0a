#!/usr/bin/env bash
# Composes a 60 s, 12-shot, 9:16 episode (final and preview) and compares it with the floor: one ffmpeg
# command encoding 60 s of camera movement over one still. Last line:
#   compose: final X s, preview Y s, floor Z s, final/floor R
set -euo pipefail
root=${DREAMX_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
dotnet build "$root/bench/DreamX.Bench.Compose" -c Release -nologo -v quiet >&2
exec dotnet "$root/bench/DreamX.Bench.Compose/bin/Release/net10.0/DreamX.Bench.Compose.dll" "$@"
