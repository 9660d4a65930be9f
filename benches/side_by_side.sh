#!/usr/bin/env bash
# Runs the anchor kernels (../shared/anchors, not copied here) with numjit and with python3 in
# one session, kernel by kernel, and prints the kernel-time ratio numjit / CPython.
# Usage: benches/side_by_side.sh [-r RUNS] [-k k1,k2] [--numba] [--jit=off]
#   --numba    run the decorated kernels (kernels/<name>_numba.py) with numjit; CPython runs the
#              plain scripts (numba is not assumed to be installed)
#   --jit=off  numjit as a pure interpreter
# Example: benches/side_by_side.sh -r 3 -k fib,generators,classes --jit=off
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchors="${ANCHORS:-$here/../shared/anchors}"
numjit="$here/target/release/numjit"
python="${PYTHON:-python3}"
runs=3
only=""
numba=""
jitopt=""
while [ $# -gt 0 ]; do
    case "$1" in
        -r) runs="$2"; shift 2 ;;
        -k) only="-k $2"; shift 2 ;;
        --numba) numba="--numba"; shift ;;
        --jit=off) jitopt="--jit=off"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$numjit" ] || (cd "$here" && cargo build --release) || exit 1
[ -x "$anchors/run_all.sh" ] || { echo "anchors not found at $anchors" >&2; exit 1; }
tmp=$(mktemp -d)
# shellcheck disable=SC2086
"$anchors/run_all.sh" -r "$runs" $only --check $numba "$numjit" $jitopt > "$tmp/nj.txt"
# shellcheck disable=SC2086
"$anchors/run_all.sh" -r "$runs" $only "$python" > "$tmp/py.txt"
printf '%-15s %12s %12s %10s\n' kernel numjit_s cpython_s ratio
join <(grep -v '^#' "$tmp/nj.txt" | awk '{print $1, $3}' | sort) \
     <(grep -v '^#' "$tmp/py.txt" | awk '{print $1, $3}' | sort) |
    awk '{ printf "%-15s %12.6f %12.6f %10.3f\n", $1, $2, $3, ($3 > 0 ? $2 / $3 : 0) }'
grep -i 'checksum.*match\|mismatch' "$tmp/nj.txt"
rm -rf "$tmp"
