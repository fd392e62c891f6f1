package io.webassist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./webassist}: one command with a subcommand per job. */
@Command(
    name = "webassist",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Self-hosted web-site user support: dispatch server, demo and tools.",
    subcommands = {
        DemoCommand.class,
        ServerCommand.class,
        HashPasswordCommand.class,
        CommandLine.HelpCommand.class
    })
public final class WebAssistMain implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests that run it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new WebAssistMain())
        .setExecutionExceptionHandler(new UserFacingErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
