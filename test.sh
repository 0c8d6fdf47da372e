#!/usr/bin/env bash
# The whole test suite, the way CI runs it, on any Debian-like machine with the .NET SDK:
#   ./test.sh            install what the tests need (when missing), then run every test
#   ./test.sh --no-install   only check the system prerequisites (apt); say what to install instead of installing it
#
# Steps: prerequisites (Debian packages) -> dotnet test over the solution -> dotnet pack + the packed-package tests ->
# NativeAOT publish + run of the smoke program -> the benchmarks' smoke mode (these two counted as one test each; so is the
# McpServer sample's NativeAOT publish, done first so the MCP test drives the published binary). The last line is
# "tests: N passed, M failed", computed from the TRX files each test run writes; the exit code is non-zero on any
# failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

install=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see ./test.sh --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=Release
results="$root/artifacts/test-results"

# ---- prerequisites -------------------------------------------------------------------------------------------------
# Debian packages: headless Chromium for the review-page browser tests (never a downloaded browser), and clang + zlib
# for the NativeAOT publish.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)

if [ ${#missing[@]} -gt 0 ]; then
  command_text="apt-get install -y ${missing[*]}"
  sudo_cmd=""
  can_install=0
  if [ "$install" = 1 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      can_install=1
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      can_install=1
      sudo_cmd="sudo"
    fi
  fi
  if [ "$can_install" = 1 ]; then
    echo "== installing ${missing[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
      echo "error: '$command_text' failed; run it yourself, then ./test.sh again." >&2
      echo "tests: 0 passed, 1 failed"
      exit 1
    fi
  else
    echo "error: the tests need ${missing[*]}, and this script can't install them here (it needs apt-get and root or" >&2
    echo "       password-less sudo). Run:" >&2
    echo "           sudo $command_text" >&2
    echo "       then ./test.sh again." >&2
    echo "tests: 0 passed, 1 failed"
    exit 1
  fi
fi

# npm: the official MCP Inspector CLI the MCP error tests drive (pinned in tests/tools/package.json + package-lock.json;
# Node.js 20 or later). A restore into the repository (like dotnet restore), so it runs with --no-install too.
if [ ! -d tests/tools/node_modules ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "== npm ci (tests/tools)"
    if ! (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error); then
      echo "error: 'npm ci' in tests/tools failed; run it yourself, then ./test.sh again." >&2
      echo "tests: 0 passed, 1 failed"
      exit 1
    fi
  else
    echo "error: the tests need the MCP Inspector CLI in tests/tools (Node.js 20+ and npm). Run:" >&2
    echo "           (cd tests/tools && npm ci)" >&2
    echo "       then ./test.sh again." >&2
    echo "tests: 0 passed, 1 failed"
    exit 1
  fi
fi

# ---- tests ---------------------------------------------------------------------------------------------------------
rm -rf "$results" "$root/artifacts/packages" "$root/artifacts/aot" "$root/artifacts/mcpserver" "$root/tests/MultiMail.Package.Tests/obj/packages"
mkdir -p "$results"
status=0

# samples/McpServer published with NativeAOT (every trim/AOT warning an error); the MCP test in the solution run below
# then drives that binary (MULTIMAIL_MCPSERVER_AOT) instead of the dll. Counted as one test further down.
echo "== McpServer NativeAOT publish"
mcpserver_aot=0
if dotnet publish samples/McpServer -c "$configuration" -o artifacts/mcpserver --nologo; then
  mcpserver_aot=1
  export MULTIMAIL_MCPSERVER_AOT="$root/artifacts/mcpserver/McpServer"
fi

echo "== dotnet test MultiMail.Generators.sln"
dotnet test MultiMail.Generators.sln -c "$configuration" --logger "trx" --results-directory "$results" || status=1

echo "== packed-package tests"
if dotnet pack src/MultiMail -c "$configuration" -o artifacts/packages --nologo; then
  dotnet test tests/MultiMail.Package.Tests -c "$configuration" --logger "trx" --results-directory "$results" || status=1
else
  echo "dotnet pack failed"
  status=1
fi

# Checks outside dotnet test, each counted as one test.
extra_passed=0
extra_failed=0
check() {
  local name=$1; shift
  echo "== $name"
  if "$@"; then
    extra_passed=$((extra_passed + 1))
  else
    echo "$name failed"
    extra_failed=$((extra_failed + 1))
    status=1
  fi
}

# NativeAOT: publish the smoke program with every trim/AOT warning as an error, then run it.
aot_smoke() {
  dotnet publish tests/MultiMail.AotSmoke -c "$configuration" -o artifacts/aot --nologo && artifacts/aot/MultiMail.AotSmoke
}
check "NativeAOT smoke test" aot_smoke
check "McpServer NativeAOT publish" test "$mcpserver_aot" = 1

# Benchmarks, in smoke mode: every benchmark builds and runs once, and every side sends the same request (wire check).
# The figures come from the full modes (docs/benchmarks.md), never from CI.
# dotnet test builds only the test projects and what they reference, so the benchmarks are built here.
benchmark_smoke() {
  dotnet build tests/MultiMail.Benchmarks -c "$configuration" --nologo -v quiet &&
    dotnet "tests/MultiMail.Benchmarks/bin/$configuration/net10.0/MultiMail.Benchmarks.dll" smoke
}
check "benchmark smoke test" benchmark_smoke

# ---- summary, from the TRX files -----------------------------------------------------------------------------------
passed=$extra_passed
failed=$extra_failed
files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$files" -eq 0 ] || [ "$passed" -le "$extra_passed" ]; then
  echo "no test results were produced"
  status=1
  failed=$((failed + 1))
fi
[ "$failed" -gt 0 ] && status=1
if [ "$status" != 0 ] && [ "$failed" -eq 0 ]; then
  echo "a step failed outside the test results (build, pack or publish): see above"
  failed=1
fi

echo "tests: $passed passed, $failed failed"
exit $status
