#!/usr/bin/env bash
# Runs the dashboard with the built-in demo cameras (no camera hardware needed), in Production (no detailed error
# pages) unless ASPNETCORE_ENVIRONMENT says otherwise, on this machine only unless told where to listen:
#   ./scripts/run-demo.sh                                  -> http://localhost:5000
#   ./scripts/run-demo.sh --urls http://0.0.0.0:5000       -> every address of this machine (ASPNETCORE_URLS works too)
#   ASPNETCORE_ENVIRONMENT=Development ./scripts/run-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# OpenCV's native library needs GTK; ffmpeg drives the demo "Command" camera.
scripts/ensure-packages.sh libgtk-3-0 ffmpeg

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# The service's memory settings (docs/deploy/systemd/camera-dashboard.service, docs/benchmarks.md "Footprint").
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x400000}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
urls="${ASPNETCORE_URLS:-http://localhost:5000}"
args=("$@")
[[ " ${args[*]-} " == *" --urls "* ]] || args+=(--urls "$urls")
# Without the launch profile, which would set Development.
exec dotnet run --project src/Dashboard -c Release --no-launch-profile -- "${args[@]}"
