package io.webassist.cli;

import io.webassist.bench.BenchCommand;
import io.webassist.client.AssistClientMain;
import io.webassist.console.SupportConsoleMain;
import io.webassist.dispatch.DispatchMain;
import io.webassist.script.ScriptCommand;
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
        HashPasswordCommand.class,
        SupportConsoleMain.class,
        AssistClientMain.class,
        ScriptCommand.class,
        BenchCommand.class,
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
    CommandLine commandLine = new CommandLine(new WebAssistMain());
    // the dispatch server's own command line, the same one its runnable jar has, named as it is called here
    commandLine.addSubcommand("server", new CommandLine(new DispatchMain()).setCommandName("server"));
    // every subcommand's --version says the one version (their own classes do not know it)
    VersionProvider version = new VersionProvider();
    commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    return commandLine.setExecutionExceptionHandler(new UserFacingErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
