# Shared by the benchmark scripts: finding a JDK 21+, timing, and starting every timed command from the
# same cache state. Source it after defining die(); then call find_java.

java_major() {  # prints the major version of the java binary $1, or nothing
    "$1" -XshowSettings:properties -version 2>&1 \
        | awk -F'= *' '/java\.specification\.version/ { v = $2; sub(/^1\./, "", v); split(v, p, "."); print p[1]; exit }'
}

find_java() {  # sets JAVA (and JAVA_HOME) to a Java >= 21: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm
    JAVA=
    local v best=0 candidate
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        v=$(java_major "$JAVA_HOME/bin/java")
        if [[ -n $v && $v -ge 21 ]]; then
            JAVA=$JAVA_HOME/bin/java
        else
            echo "note: JAVA_HOME=$JAVA_HOME is Java ${v:-?}, need >= 21; looking under /usr/lib/jvm" >&2
        fi
    fi
    if [[ -z $JAVA ]]; then
        for candidate in /usr/lib/jvm/*/bin/java; do
            [[ -x $candidate ]] || continue
            v=$(java_major "$candidate")
            if [[ -n $v && $v -ge 21 && $v -gt $best ]]; then
                best=$v
                JAVA=$candidate
            fi
        done
        [[ -n $JAVA ]] || die "no Java >= 21 found (set JAVA_HOME)"
        export JAVA_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)
    fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

DROP_NOTE=
if ! { sync; echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
    DROP_NOTE="WARNING: cannot write /proc/sys/vm/drop_caches; timed commands start after sync only, with a warm page cache"
fi
quiesce() {  # flush dirty pages and, if allowed, drop the page cache
    sync
    if [[ -z $DROP_NOTE ]]; then
        echo 3 > /proc/sys/vm/drop_caches
    fi
}
