#!/usr/bin/env bash
# Measures what MultiMail's analyzers and generator cost in a build of a 1,000-file agent application.
#
#   bench/AnalyzerCost/run.sh                 # 1,000 files, 3 measured rebuilds, median
#   RUNS=5 FILES=2000 bench/AnalyzerCost/run.sh
#   GEN_ARGS=--no-agents bench/AnalyzerCost/run.sh   # the same project without agent setup files
#   GEN_ARGS="--faults 0" bench/AnalyzerCost/run.sh  # without the seeded faults (default: --faults 24)
#
# Steps: generate the project into out/ (generate.py), restore, build once (also builds src/MultiMail and the
# generator, and warms the disk cache), then RUNS times rebuild only the bench project (--no-dependencies
# --no-incremental) with -p:ReportAnalyzer=true -v:detailed, and read from each log the Csc task time, the
# analyzer and generator totals and the lines of MultiMail's analyzers and generator. Logs: out/logs/.
# Then check.py reads the MMG1001/MMG1002 of the last rebuild against the seeded faults: false positives and faults
# found (exit status 1 if any false positive or missed fault).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$here/out}"
runs="${RUNS:-3}"
files="${FILES:-1000}"
config="${CONFIGURATION:-Release}"

# shellcheck disable=SC2086
python3 "$here/generate.py" --files "$files" --out "$out" ${GEN_ARGS:---faults 24}
project="$out/AnalyzerCost.Bench.csproj"
mkdir -p "$out/logs"

echo "restore..."
dotnet restore "$project" > "$out/logs/restore.log" 2>&1 || { tail -20 "$out/logs/restore.log"; exit 1; }
echo "warm-up build (also builds src/MultiMail and the generator)..."
dotnet build "$project" --no-restore -c "$config" > "$out/logs/warmup.log" 2>&1 || { grep -E "error|warning" "$out/logs/warmup.log" | sort -u | head -20; exit 1; }

for i in $(seq 1 "$runs"); do
  echo "measured rebuild $i/$runs..."
  dotnet build "$project" --no-restore --no-dependencies --no-incremental -c "$config" \
    -p:ReportAnalyzer=true -v:detailed -clp:PerformanceSummary > "$out/logs/run$i.log" 2>&1 \
    || { grep -E "error|warning" "$out/logs/run$i.log" | sort -u | head -20; exit 1; }
done

python3 - "$out/logs" "$runs" <<'PY'
import re, statistics, sys

logs, runs = sys.argv[1], int(sys.argv[2])
ROWS = [
    ("build (Time Elapsed)", "wall"),
    ("Csc task", "csc"),
    ("all analyzers (sum)", "analyzers"),
    ("all generators (sum)", "generators"),
    ("MultiMail analyzers (assembly)", "mm_analyzers"),
    ("  AgentToolAnalyzer", "AgentToolAnalyzer"),
    ("  ToolDeclarationAnalyzer", "ToolDeclarationAnalyzer"),
    ("  HardCodedKeyAnalyzer", "HardCodedKeyAnalyzer"),
    ("ToolGenerator", "ToolGenerator"),
]

def seconds(text):
    return 0.0005 if text.startswith("<") else float(text)

def parse(path):
    r = {}
    section = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            s = line.strip()
            m = re.match(r"Time Elapsed (\d+):(\d+):([\d.]+)", s)
            if m:
                r["wall"] = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
            m = re.match(r"(\d+) ms\s+Csc\s+\d+ calls", s)
            if m:
                r["csc"] = int(m.group(1)) / 1000.0
            m = re.match(r"Total analyzer execution time: ([\d.]+) seconds", s)
            if m:
                r["analyzers"] = float(m.group(1)); section = "a"
            m = re.match(r"Total generator execution time: ([\d.]+) seconds", s)
            if m:
                r["generators"] = float(m.group(1)); section = "g"
            m = re.match(r"(<?[\d.]+)\s+(<?\d+)\s+(\S+)", s)
            if not m:
                continue
            t, name = seconds(m.group(1)), m.group(3)
            if name.startswith("MultiMail.Generators,"):
                r["mm_analyzers" if section == "a" else "mm_generators"] = t
            for key in ("AgentToolAnalyzer", "ToolDeclarationAnalyzer", "HardCodedKeyAnalyzer", "ToolGenerator"):
                if name == "MultiMail.Generators.Analysis." + key or name == "MultiMail.Generators." + key:
                    r[key] = t
    return r

results = [parse("%s/run%d.log" % (logs, i)) for i in range(1, runs + 1)]
head = "%-32s" % "seconds" + "".join("%10s" % ("run %d" % (i + 1)) for i in range(runs)) + "%10s%10s" % ("median", "% anlz")
print()
print(head)
print("-" * len(head))
med_total = statistics.median(r.get("analyzers", 0.0) for r in results)
for label, key in ROWS:
    values = [r.get(key) for r in results]
    cells = "".join("%10s" % ("-" if v is None else "%.3f" % v) for v in values)
    present = [v for v in values if v is not None]
    med = statistics.median(present) if present else None
    share = ""
    if med is not None and key in ("mm_analyzers", "AgentToolAnalyzer", "ToolDeclarationAnalyzer", "HardCodedKeyAnalyzer") and med_total:
        share = "%.1f%%" % (100.0 * med / med_total)
    print("%-32s%s%10s%10s" % (label, cells, "-" if med is None else "%.3f" % med, share))
print()
print("'% anlz' = share of the total analyzer execution time. Analyzer times are summed over threads (they run")
print("concurrently), so they can exceed their share of the Csc wall time.")
PY

echo
echo "precision and recall (check.py, run $runs):"
python3 "$here/check.py" "$out" "$out/logs/run$runs.log"
