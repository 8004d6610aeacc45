# Sourced by the bench scripts (from the repository root): build what a bench needs from this checkout's reactor, so
# that it works on a fresh clone, and say which step failed instead of dying silently. Nothing is installed into
# ~/.m2: the classpath names this checkout's own db and web classes, never a kappa SNAPSHOT jar another checkout
# installed into the shared local repository.

# step DESCRIPTION COMMAND...: runs the command with its output shown (on stderr, so that a step inside $(...) never
# mixes its output into the captured value); on failure names the step and stops.
step() {
  local what=$1; shift
  echo "bench: $what" >&2
  "$@" >&2 || { echo "bench: FAILED to $what (exit $?): $*" >&2; exit 1; }
}

# The server jar, built once.
bench_jar() {
  # Rebuilt when any source is newer than the jar: a stale jar measures code that is no longer there.
  if [ ! -f server/target/kappa.jar ] || [ -n "$(find pom.xml db server/pom.xml server/src/main web -newer server/target/kappa.jar -type f -not -path '*/target/*' -print -quit)" ]; then
    step "build the server jar" mvn -B -q package -DskipTests
  fi
}

# bench_classpath FILE: compiles the bench classes (server test classes) with the reactor (-am builds db and web
# first) and prints the classpath to run them with. FILE caches the resolved dependencies.
bench_classpath() {
  local file; file=$(realpath -m "$1")
  if [ ! -s "$file" ] || [ ! -d server/target/test-classes/dev/kappa/bench ]; then
    step "compile the bench classes and resolve their classpath (mvn -pl server -am)" \
      mvn -B -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file"
  fi
  [ -s "$file" ] || { echo "bench: FAILED: no classpath was written to $file" >&2; exit 1; }
  local deps
  deps=$(sed -e 's#[^:]*/kappa-db-[^:]*\.jar#db/target/classes#g' -e 's#[^:]*/kappa-web-[^:]*\.jar#web/target/classes#g' "$file")
  echo "server/target/test-classes:server/target/classes:db/target/classes:web/target/classes:$deps"
}

# wait_ready PORT PID LOG: waits for /ready, and stops with the server's last log lines if it dies first.
wait_ready() {
  until curl -sf "localhost:$1/ready" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "bench: FAILED: the server exited before it was ready; $3 ends:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.2
  done
}
