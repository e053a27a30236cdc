# Sourced by the project's scripts: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the JDKs installed under /usr/lib/jvm (newest first), then `java` on PATH.
# Prints a clear error and exits 1 when there is none.

hitmachine_jdk_major() { # $1 = JDK home; prints the major version of a full JDK (java + javac), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

hitmachine_find_jdk() {
  local required=21 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r candidate; do candidates+=("$candidate"); done \
      < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    major="$(hitmachine_jdk_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  {
    echo "error: Hitmachine needs a JDK $required or newer (java and javac), and none was found."
    echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, and java on PATH"
    echo "  fix: install a JDK >= $required (e.g. Temurin 21 or 25) and set JAVA_HOME to it"
  } >&2
  exit 1
}

hitmachine_find_jdk
