#!/usr/bin/env bash
# Publishes a self-contained linux-arm64 build (Raspberry Pi, 64-bit OS) into DIR:
#   scripts/publish-pi.sh DIR
# With OpenCV's arm64 runtime (OpenCvSharp4.runtime.linux-arm64) when the package source serves it, without it
# otherwise: then the cameras that need OpenCV (TestPattern, OpenCv URLs and files other than MJPEG .avi) show why they cannot run, and
# everything else works (ImageSequence, Command such as rpicam-vid, USB webcams through ffmpeg). Says which; exits 0.
set -euo pipefail
[ $# -eq 1 ] || { echo "Usage: $0 DIR" >&2; exit 2; }
out="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
package="OpenCvSharp4.runtime.linux-arm64"
version="$(sed -n "s|.*<PackageVersion Include=\"$package\" Version=\"\([^\"]*\)\".*|\1|p" "$repo/Directory.Packages.props")"
[ -n "$version" ] || { echo "No version of $package in Directory.Packages.props." >&2; exit 1; }

# Can the package be restored? A throw-away project outside the repository asks the same package sources.
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
cat > "$probe/probe.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="$package" Version="$version" /></ItemGroup>
</Project>
PROJECT
config=()
[ -f "$repo/nuget.config" ] && config=(--configfile "$repo/nuget.config")
if (cd "$probe" && dotnet restore probe.csproj "${config[@]}" -p:NuGetAudit=false >"$probe/restore.log" 2>&1); then
  with_opencv=true
  echo "$package $version is available: the build includes OpenCV."
else
  with_opencv=false
  echo "$package $version cannot be restored from the package source: the build runs without OpenCV" \
       "(TestPattern and OpenCv URL cameras fail with a message; ImageSequence, Command, MJPEG .avi files and V4L2 devices through ffmpeg work)."
fi

# The analyzers and style checks run in every normal build; repeating them here would double the time this takes.
# The arm64 build keeps its own intermediate files in artifacts/publish-pi, not in the projects' obj/ beside the x64
# build's: a build running beside this one does not collide with it, and the next publish is incremental.
dotnet publish "$repo/src/Dashboard" -c Release -r linux-arm64 --self-contained true --artifacts-path "$repo/artifacts/publish-pi" \
  -p:OpenCvArm64Runtime="$with_opencv" -p:PublishReadyToRun=true -p:RunAnalyzers=false -o "$out" -nologo -v quiet
echo "Published linux-arm64 to $out (OpenCV: $with_opencv). Run it with: $out/Dashboard --urls http://0.0.0.0:5000"
