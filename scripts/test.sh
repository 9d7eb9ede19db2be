#!/usr/bin/env bash
# Runs every test (unit, integration on real Kestrel, browser tests in Debian's headless Chromium).
# Screenshots and test results land in ./artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Raspberry Pi (linux-arm64) build is tested under qemu-user (tests/Dashboard.Tests/RaspberryPi).
scripts/ensure-arm64-emulation.sh

# OpenCV needs GTK; ffmpeg is a camera source under test; Chromium runs the browser tests; nginx fronts the app in the proxy test;
# postgresql: the multi-node tests start a throwaway cluster of their own (tests/Dashboard.Tests/Nodes/ThrowawayPostgres.cs);
# procps has kill, which sends the app SIGTERM in the shutdown test, and sysctl; iproute2 has ip. The slow-client proxy
# test sets the kernel setting docs/deploy/nginx asks for (net.ipv4.tcp_notsent_lowat) inside a network namespace of its
# own (unshare --net, as root): nothing here changes a setting of this machine. mosquitto is the MQTT broker the motion
# tests start on a loopback port of their own.
scripts/ensure-packages.sh libgtk-3-0 ffmpeg chromium nginx procps iproute2 postgresql mosquitto

# The run's own temporary folder, removed when the run ends: the SDK leaves two empty folders in the temp folder on
# every build and test command. Servers that run as users of their own (PostgreSQL as postgres) reach their folders
# in it, as they do in /tmp.
export TMPDIR="$(mktemp -d)"
chmod 711 "$TMPDIR"
publishing=""
trap 'if [ -n "$publishing" ]; then kill "$publishing" 2>/dev/null || true; wait "$publishing" 2>/dev/null || true; fi
      dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true; rm -rf "$TMPDIR"' EXIT
# The suite is bound by CPU, and much of that is the .NET tools compiling themselves (docs/benchmarks.md, "The test
# suite"): one compiler server for every project instead of a csc process each that loads and JIT-compiles Roslyn and
# the analyzers afresh (this machine's environment turns the server off), and no call counting, so the build and the
# test hosts keep their first compile of each method instead of compiling the busy ones again. The apps the tests
# start as processes of their own count calls again, as deployed (tests/Support/ChildApp.cs).
export UseSharedCompilation=true DOTNET_TC_CallCounting=0

# TEST_ARTIFACTS: where screenshots, results and the output go (./artifacts unless given).
export TEST_ARTIFACTS="${TEST_ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$TEST_ARTIFACTS"
output="$TEST_ARTIFACTS/test-output.log"
status=0

# The Raspberry Pi build that the arm64 tests run under qemu (tests/Dashboard.Tests/RaspberryPi/PublishedArm64App.cs)
# is published beside the main build, which leaves a core idle much of the time, rather than during the tests, which
# keep both busy; publish-pi.sh's own build folder makes the next run's publish incremental.
arm64="$TMPDIR/arm64"
mkdir "$arm64"
scripts/publish-pi.sh "$arm64/app" > "$arm64/publish.log" 2>&1 &
publishing=$!
export DASHBOARD_ARM64_BUILD="$arm64/app" DASHBOARD_ARM64_PUBLISH_LOG="$arm64/publish.log"

# Built first, then tested with --no-build, so the two test assemblies run side by side (when dotnet test built them,
# the second one's build waited for the first one's tests). A failed publish is the arm64 tests' to report.
dotnet build tests/Tests.slnf -c Release -nologo 2>&1 | tee "$output" || status=$?
wait "$publishing" || true
if [ "$status" -eq 0 ]; then
    dotnet test Dashboard.sln -c Release --no-build --logger "trx;LogFilePrefix=results" --results-directory "$TEST_ARTIFACTS/results" \
        --logger "console;verbosity=normal" "$@" 2>&1 | tee -a "$output" || status=$?
fi
# CI keeps only the end of the output: repeat each failure (name, message, stack) there.
if [ "$status" -ne 0 ]; then
    echo
    echo "===== Failed tests (the whole output: $output) ====="
    awk '/^  Failed /{n=60} /^  (Passed|Skipped) |^\[xUnit/{n=0} n>0{print; n--}' "$output"
fi
exit "$status"
