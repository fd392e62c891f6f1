#!/bin/sh
# Takes the console screenshots in docs/images (docs/CONSOLE.md) from a real session under Xvfb:
# an in-process dispatch server, a user played by the link library, the agent's real windows.
# Run from the repository root: support-console/screenshots.sh
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o -pl support-console -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/screenshots.classpath -Dmdep.includeScope=test
CP="support-console/target/test-classes:support-console/target/classes:$(cat support-console/target/screenshots.classpath)"
xvfb-run -a -s "-screen 0 1400x900x24" java -Djdk.gtk.version=3 -Dprism.order=sw -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  io.webassist.console.window.ConsoleScreenshots docs/images
