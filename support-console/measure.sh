#!/bin/sh
# The console's numbers for docs/BENCHMARKS.md (measurements, not tests). Run from the repository root
# after `mvn -DskipTests package` (uses cli/target/webassist.jar): support-console/measure.sh
#  1. start → login window visible: `./webassist console` launched under Xvfb, polled with xwininfo (5 runs);
#     the console's own trace (-Dwebassist.startupTrace) adds time since JVM start and the CPU it used
#  2. RSS with three session tabs: the window in its own JVM (MeasureConsole) against a server and three
#     waiting users in another JVM (MeasureWorld)
set -e
cd "$(dirname "$0")/.."
JAR=cli/target/webassist.jar
xvfb-run -a -s "-screen 0 1400x900x24" sh -c '
  trace=$(mktemp)
  for i in 1 2 3 4 5; do
    start=$(date +%s%N)
    java -Dwebassist.startupTrace=true -jar '"$JAR"' console --server 127.0.0.1:9 --insecure 2>"$trace" >/dev/null &
    pid=$!
    until xwininfo -root -tree 2>/dev/null | grep -q "log in"; do sleep 0.02; done
    end=$(date +%s%N)
    until grep -q startup "$trace"; do sleep 0.05; done
    echo "start to login window: $(( (end - start) / 1000000 )) ms wall (xwininfo); $(grep startup "$trace")"
    kill $pid; wait $pid 2>/dev/null || true
  done
  rm -f "$trace"'
mvn -B -q -o -pl support-console -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/measure.classpath -Dmdep.includeScope=test
CP="support-console/target/test-classes:support-console/target/classes:$(cat support-console/target/measure.classpath)"
world=$(mktemp)
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.webassist.console.window.MeasureWorld 3 >"$world" 2>&1 &
worldPid=$!
until grep -q '^server ' "$world"; do sleep 0.2; done
set -- $(grep '^server ' "$world")
xvfb-run -a -s "-screen 0 1400x900x24" java -Djdk.gtk.version=3 -Dprism.order=sw -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  io.webassist.console.window.MeasureConsole "$2" "$3" 3
kill $worldPid
rm -f "$world"
