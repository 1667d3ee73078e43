#!/usr/bin/env bash
# Prints the home folder of the newest JDK 21 or newer on this machine, or says why none was found (exit 1).
# Used by ./triplicate and .ci/run, so the launcher and CI choose a JDK the same way:
# JAVA_HOME first when it is new enough, then the usual JDK folders (Linux, macOS), then the java on the PATH.
# With NEED_JAVAC=1 only a full JDK (with javac) is accepted, as the build needs.
set -euo pipefail

# The major version from the JDK's own `release` file (JAVA_VERSION="25.0.3", "1.8.0_402" for Java 8): reading it costs
# nothing, where asking each java found costs a JVM start (a quarter of a second before every command with 4 JDKs
# installed). A JDK without that file is asked.
java_major() {
  local v=""
  [ -f "$1/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  [ -n "$v" ] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  v=${v#1.}
  echo "${v%%[._+-]*}"
}

# `find-jdk.sh --major DIR` prints DIR's major version only (the launcher's question, without a JVM start).
if [ "${1:-}" = --major ]; then java_major "$2"; exit 0; fi

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
  [ -d "$d" ] && candidates+=("$d")
done
if command -v java >/dev/null 2>&1; then
  onpath=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
  candidates+=("$(dirname "$(dirname "$onpath")")")
fi

# JAVA_HOME wins when it is new enough: the user chose it.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  m=$(java_major "$JAVA_HOME" || echo 0)
  if [ "${m:-0}" -ge 21 ] && { [ "${NEED_JAVAC:-0}" != 1 ] || [ -x "$JAVA_HOME/bin/javac" ]; }; then
    echo "$JAVA_HOME"; exit 0
  fi
fi

best="" best_major=0
for d in "${candidates[@]}"; do
  [ -x "$d/bin/java" ] || continue
  [ "${NEED_JAVAC:-0}" = 1 ] && [ ! -x "$d/bin/javac" ] && continue
  m=$(java_major "$d" || echo 0)
  if [ "${m:-0}" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$d"; best_major=$m; fi
done
if [ -z "$best" ]; then
  echo "Triplicate needs Java 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm, the java on the PATH)." >&2
  echo "Install a JDK 21+ (Temurin, OpenJDK, Zulu...) and set JAVA_HOME to it." >&2
  exit 1
fi
echo "$best"
