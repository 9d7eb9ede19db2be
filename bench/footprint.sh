#!/usr/bin/env bash
# Memory and CPU of the dashboard on a small board's terms: idle with the demo cameras (no viewer), then with
# 4 cameras each streamed to 4 viewers (16 MJPEG feeds). Runs the app three times in the same run: as the service runs
# it (the memory settings of docs/deploy/systemd/camera-dashboard.service, which scripts/run-demo.sh sets too), the app
# alone (no environment), and with the runtime settings before the tuning (the baseline the ratio is against).
#   bench/footprint.sh APP_DIR            # a build or publish folder with Dashboard.dll (run by dotnet)
#   bench/footprint.sh APP_DIR --qemu     # a linux-arm64 publish, run by qemu-aarch64-static -L /
#   RUNS=service bench/footprint.sh APP_DIR   # only the service run (builds compared in turns)
# Prints a markdown table (docs/benchmarks.md, "Footprint"): RSS is VmRSS, split into anonymous memory (RssAnon: GC
# heap, malloc, stacks), mapped files (RssFile: assemblies, native libraries; clean pages the kernel can drop and
# re-read) and shared memory (RssShmem: the runtime's double-mapped executable memory and type data).
set -euo pipefail
app="$(cd "$1" && pwd)"; mode="${2:-}"
idle_settle="${IDLE_SETTLE:-30}"; window="${WINDOW:-10}"
password='Bench-Password-42'
hz="$(getconf CLK_TCK)"
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }          # utime + stime of the process
# "RSS/anon/file/shmem" in MB.
rss_mb() { awk '/^(VmRSS|RssAnon|RssFile|RssShmem):/ {v[$1] = $2 / 1024} END {printf "%.0f/%.0f/%.0f/%.0f", v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["RssShmem:"]}' "/proc/$1/status"; }

# RSS at its peak over the window (with its parts at that moment) and CPU in % of one core.
measure() {
  local pid="$1" t0 t1 peak=0/0/0/0 r
  t0="$(ticks "$pid")"; local start; start="$(date +%s.%N)"
  for _ in $(seq "$window"); do
    sleep 1; r="$(rss_mb "$pid")"; [ "${r%%/*}" -gt "${peak%%/*}" ] && peak="$r"
  done
  t1="$(ticks "$pid")"; local end; end="$(date +%s.%N)"
  echo "$peak $(awk -v d="$((t1 - t0))" -v hz="$hz" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", 100 * d / hz / (e - s) }')"
}

run() { # $1: label, rest: extra environment
  local label="$1"; shift
  local port=$((20000 + RANDOM % 20000)) data="$work/data-$label"
  local command=(dotnet "$app/Dashboard.dll")
  # qemu-user cannot double-map code pages for W^X (the app fails at start with it).
  [ "$mode" = "--qemu" ] && command=(env DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static -L / "$app/Dashboard")
  env ASPNETCORE_ENVIRONMENT=Production Dashboard__DataDirectory="$data" Auth__AdminPassword="$password" \
      Logging__LogLevel__Default=Warning "$@" \
      "${command[@]}" --urls "http://127.0.0.1:$port" --contentRoot "$app" >"$work/$label.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/$label.log" >&2; exit 1; }; sleep 1
  done
  # Idle: the sign-in page was served once (as after a visit), then nobody watches.
  curl -sf -o /dev/null "http://127.0.0.1:$port/account/login"
  sleep "$idle_settle"
  read -r idle_rss idle_cpu < <(measure "$pid")
  local feeds=()
  for camera in front-door garden garage emulated; do
    for viewer in 1 2 3 4; do
      curl -s -u "admin:$password" -o /dev/null "http://127.0.0.1:$port/video_feed/$camera?client=bench-$viewer" & feeds+=($!); pids+=($!)
    done
  done
  sleep "$window"
  read -r busy_rss busy_cpu < <(measure "$pid")
  kill "${feeds[@]}" 2>/dev/null || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label $idle_rss $idle_cpu $busy_rss $busy_cpu"
}

# The service's memory settings, read from its unit so the two cannot drift apart.
unit="$(dirname "$0")/../docs/deploy/systemd/camera-dashboard.service"
mapfile -t service_env < <(sed -n 's/^Environment=\(\(DOTNET_GC\|MALLOC_\)[^ ]*\)$/\1/p' "$unit")
runs=" ${RUNS:-service app-alone defaults} "
lines=()
[[ "$runs" == *" service "* ]] && lines+=("$(run service "${service_env[@]}")")
[[ "$runs" == *" app-alone "* ]] && lines+=("$(run app-alone)")
# The runtime settings before the tuning (the Web SDK's server GC, concurrent GC, tiered PGO and compilation, no memory
# conservation), overriding what Dashboard.runtimeconfig.json sets. What the code does (OpenTelemetry's points per
# metric, the collection after the start) and ReadyToRun cannot be undone this way: every run has them.
[[ "$runs" == *" defaults "* ]] && lines+=("$(run defaults DOTNET_gcServer=1 DOTNET_gcConcurrent=1 DOTNET_GCConserveMemory=0 DOTNET_TieredPGO=1 DOTNET_TieredCompilation=1)")
echo "service environment: ${service_env[*]}"
echo
echo "| run | idle RSS (MB) | idle anon/file/shmem | idle CPU (% of a core, ${window} s) | 16 feeds RSS (MB) | 16 feeds anon/file/shmem | 16 feeds CPU (%) |"
echo "|---|---|---|---|---|---|---|"
for line in "${lines[@]}"; do
  read -r label a b c d <<<"$line"; echo "| $label | ${a%%/*} | ${a#*/} | $b | ${c%%/*} | ${c#*/} | $d |"
done
service="$(printf '%s\n' "${lines[@]}" | grep '^service ' || true)"
defaults="$(printf '%s\n' "${lines[@]}" | grep '^defaults ' || true)"
if [ -n "$service" ] && [ -n "$defaults" ]; then
  read -r _ s1 _ s3 _ <<<"$service"; read -r _ d1 _ d3 _ <<<"$defaults"
  awk -v s1="${s1%%/*}" -v d1="${d1%%/*}" -v s3="${s3%%/*}" -v d3="${d3%%/*}" 'BEGIN { printf "\nservice / defaults: idle RSS %.2f, 16 feeds RSS %.2f\n", s1 / d1, s3 / d3 }'
fi
