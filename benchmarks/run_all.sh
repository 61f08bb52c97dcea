#!/usr/bin/env bash
# Run every benchmark and the load test, one after another, from the repository root.
# Usage: benchmarks/run_all.sh            (about 15 minutes on 2 cores)
# Figures are printed and also written to benchmarks/results/*.json (git-ignored).
# Nothing here asserts: a benchmark that misses its target still exits 0; the load test
# exits 1 if a session failed or saw another's answers, intake_load.py if an answer was
# lost or stored twice; this script reports that.
set -u
cd "$(dirname "$0")/.."
status=0
for bench in bench_rerun.py bench_startup.py bench_cli.py bench_pdf.py bench_screen.py bench_isolation.py bench_roster_memory.py load_test.py \
    intake_dashboard.py intake_load.py "intake_load.py --replicas 2"; do
    echo "=== python benchmarks/${bench}"
    # Unquoted on purpose: "intake_load.py --replicas 2" is a script and its option.
    python benchmarks/${bench} || { echo "!!! ${bench} exited $?"; status=1; }
    echo
done
exit "${status}"
