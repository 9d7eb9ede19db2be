#!/usr/bin/env bash
# Runs the dashboard with the built-in demo cameras (no camera hardware needed).
#   ./scripts/run-demo.sh                     -> http://localhost:5000
#   ./scripts/run-demo.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")/.."

# OpenCV's native library needs GTK; ffmpeg drives the demo "Command" camera.
scripts/ensure-packages.sh libgtk-3-0 ffmpeg

urls="${ASPNETCORE_URLS:-http://0.0.0.0:5000}"
args=("$@")
[[ " ${args[*]-} " == *" --urls "* ]] || args+=(--urls "$urls")
exec dotnet run --project src/Dashboard -c Release -- "${args[@]}"
