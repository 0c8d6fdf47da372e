#!/usr/bin/env bash
# The generator of BASE (a git ref, default: main) and of the working tree, side by side in one process.
#
#   bench/GeneratorSideBySide/run.sh                    # main vs working tree, 15 iterations
#   BASE=7cb3ad3 ITERATIONS=25 bench/GeneratorSideBySide/run.sh
#
# Steps: export BASE into out/base (git archive), build its generator and the working tree's (Release), build the
# harness, then run both on the same compilations, interleaved. The working tree's runtime library is the reference
# the outputs are compiled against (the base's output may not compile against it; that does not affect the timing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/out"
base="${BASE:-main}"
rm -rf "$out/base" && mkdir -p "$out/base"
git -C "$repo" archive "$base" | tar -x -C "$out/base"
echo "building $base..."
dotnet build "$out/base/src/MultiMail.Generators" -c Release -v q -nologo > "$out/base-build.log" 2>&1 || { tail -20 "$out/base-build.log"; exit 1; }
echo "building the working tree..."
dotnet build "$repo/src/MultiMail" -c Release -v q -nologo > "$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
dotnet build "$here" -c Release -v q -nologo -o "$out/harness" > "$out/harness-build.log" 2>&1 || { tail -20 "$out/harness-build.log"; exit 1; }
dotnet "$out/harness/GeneratorSideBySide.dll" \
  "base=$out/base/src/MultiMail.Generators/bin/Release/netstandard2.0/MultiMail.Generators.dll" \
  "tree=$repo/src/MultiMail.Generators/bin/Release/netstandard2.0/MultiMail.Generators.dll" \
  --repo "$repo" --runtime "$repo/src/MultiMail/bin/Release/net8.0/MultiMail.dll" \
  --nuget "${NUGET_PACKAGES:-$HOME/.nuget/packages}" --iterations "${ITERATIONS:-15}" --copies "${COPIES:-20}"
