package io.webassist.script;

/** Runs {@link ScriptCommand} alone: {@code java -cp … io.webassist.script.ScriptMain FILE…}. */
public final class ScriptMain {

  private ScriptMain() {}

  public static void main(String[] args) {
    System.exit(ScriptCommand.commandLine().execute(args));
  }
}
