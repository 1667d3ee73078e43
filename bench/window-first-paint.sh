#!/usr/bin/env bash
# Benchmark: the window's first paint of the dashboard on a large catalog, from launch. Target: at most 2.5 s.
#
# Uses the catalog bench/status-million.sh keeps with KEEP=1 (1,000,000 files in 10,000 sessions; build it first:
# KEEP=1 bench/status-million.sh), or any home given as HOME_DIR. Starts one X server (Xvfb) for the whole run,
# then for each of ROUNDS rounds: sync and drop the page cache (where /proc/sys/vm/drop_caches is writable), note
# the time, and start
#   java -Dtriplicate.bench.firstPaint=F -Dtriplicate.bench.exitAfterFirstPaint=true -jar target/triplicate.jar --home H
# The application writes the wall-clock time of the first pulse that lays out the dashboard's first rows to F
# (app.triplicate.ui.common.FirstPaint) and closes. The first paint is that time minus the time noted before
# the JVM started. Prints each round and the median.
#
# Usage (from anywhere):  bench/window-first-paint.sh
# Environment:
#   HOME_DIR=...    the Triplicate home to open (default: bench/work/status/home, status-million's kept catalog)
#   ROUNDS=5        number of rounds
#   CDS=1           start the way the ./triplicate launcher does, with a class-data sharing archive (made by an
#                   untimed first run); default 0: plain java -jar
#   AOT=1           start the way ./triplicate does on JDK 25 and newer, with an ahead-of-time cache (recorded by
#                   an untimed first run with -XX:AOTMode=record, then made with -XX:AOTMode=create)
#   JAVA_HOME=...   JDK to use (must be >= 21; else the newest >= 21 under /usr/lib/jvm is used)
#
# Needs Xvfb (Debian: xvfb) and GTK 3 (libgtk-3-0); if missing and we are root, installs them with apt-get.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
CDS=${CDS:-0}
AOT=${AOT:-0}
PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOME_DIR=${HOME_DIR:-$PROJECT/bench/work/status/home}
JAR=$PROJECT/target/triplicate.jar
TARGET_S=2.5

die() { echo "window-first-paint: $*" >&2; exit 2; }
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ -f $JAR ]] || die "missing $JAR (./mvnw -q package -DskipTests)"
[[ -d $HOME_DIR/data ]] || die "no catalog in $HOME_DIR (build one: KEEP=1 bench/status-million.sh)"

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

if ! command -v Xvfb > /dev/null || ! ldconfig -p | grep -q libgtk-3.so.0; then
    [[ $(id -u) == 0 ]] || die "needs Xvfb and libgtk-3-0 (apt-get install xvfb libgtk-3-0)"
    apt-get install -y --no-install-recommends xvfb libgtk-3-0 > /dev/null \
        || { apt-get update > /dev/null && apt-get install -y --no-install-recommends xvfb libgtk-3-0 > /dev/null; }
fi

OUT=$(mktemp -d)
XVFB_PID=
cleanup() {
    [[ -n $XVFB_PID ]] && kill "$XVFB_PID" 2> /dev/null || true
    rm -rf "$OUT"
}
trap cleanup EXIT

exec 3> "$OUT/display"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [[ -s $OUT/display ]] && break; sleep 0.1; done
[[ -s $OUT/display ]] || die "Xvfb did not start: $(cat "$OUT/xvfb.log")"
export DISPLAY=:$(head -n1 "$OUT/display")

major=$(java_major "$JAVA")
OPTS=(--enable-native-access=ALL-UNNAMED)
((major >= 23)) && OPTS+=(--sun-misc-unsafe-memory-access=allow)
if [[ $CDS == 1 ]]; then
    OPTS+=(-XX:SharedArchiveFile="$OUT/window.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
    ((major >= 25)) && OPTS+=(-Xlog:aot=off)
fi

FIRST_OPTS=("${OPTS[@]}")
BASE_OPTS=("${OPTS[@]}")
if [[ $AOT == 1 ]]; then
    ((major >= 25)) || die "AOT=1 needs a JDK 25 or newer ($JAVA is $major)"
    FIRST_OPTS+=(-XX:AOTMode=record -XX:AOTConfiguration="$OUT/window.aotconf" -Xlog:aot=off -Xlog:cds=off
                 -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
    OPTS+=(-XX:AOTCache="$OUT/window.aot" -Xlog:aot=off -Xlog:cds=off)
fi

echo "java:     $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "home:     $HOME_DIR"
echo "display:  Xvfb $DISPLAY; cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache:    each launch after sync + drop_caches"; fi
[[ $AOT == 1 ]] && echo "aot:      an ahead-of-time cache, as ./triplicate uses on JDK 25+ (recorded by an untimed run)"
[[ $CDS == 1 ]] && echo "cds:      a class-data sharing archive, as ./triplicate uses (made by an untimed run)"

paint() {  # $1 = name; prints the seconds from launch to the first rows painted
    local f=$OUT/$1.paint t0 t1 rc=0 opts=("${OPTS[@]}")
    [[ $1 == warm-up ]] && opts=("${FIRST_OPTS[@]}")
    rm -f "$f"
    t0=$(date +%s%3N)
    timeout 180 "$JAVA" "${opts[@]}" -Dtriplicate.bench.firstPaint="$f" -Dtriplicate.bench.exitAfterFirstPaint=true \
        -jar "$JAR" --home "$HOME_DIR" > "$OUT/$1.log" 2>&1 || rc=$?
    [[ -s $f ]] || { tail -n 30 "$OUT/$1.log" >&2; die "$1: the window painted no rows (exit $rc)"; }
    t1=$(head -n1 "$f")
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1000 }'
}

[[ $CDS == 1 || $AOT == 1 ]] && paint warm-up > /dev/null
if [[ $AOT == 1 ]]; then
    "$JAVA" "${BASE_OPTS[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$OUT/window.aotconf" -XX:AOTCache="$OUT/window.aot" \
        -jar "$JAR" > "$OUT/aot-create.log" 2>&1 || die "making the AOT cache failed: $(tail -n 5 "$OUT/aot-create.log")"
fi
times=()
for ((round = 1; round <= ROUNDS; round++)); do
    quiesce
    t=$(paint "round-$round")
    times+=("$t")
    echo "round $round: first rows painted $t s after launch"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
verdict=$(awk -v m="$median" -v t="$TARGET_S" 'BEGIN { print (m <= t) ? "meets" : "MISSES" }')
echo
echo "median first paint over $ROUNDS rounds: $median s ($verdict the target <= $TARGET_S s)"
