package io.webassist.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = WebAssistMain.class.getPackage().getImplementationVersion();
    return new String[] {"webassist " + (version == null ? "(development build)" : version)};
  }
}
