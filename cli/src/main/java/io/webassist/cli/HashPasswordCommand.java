package io.webassist.cli;

import io.webassist.dispatch.config.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes the {@code passwordHash} of an agent for the config file. Asks twice on a terminal; reads
 * one line from standard input when there is none, so scripts can pipe a password in.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = {"Print a salted PBKDF2 hash of an agent password for the config file.",
        "On a terminal it asks for the password twice; otherwise it reads one line from standard input:",
        "  echo -n 's3cret' | ./webassist hash-password"})
final class HashPasswordCommand implements Callable<Integer> {

  @Option(names = "--stdin", description = "Read the password from standard input even on a terminal.")
  boolean stdin;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    char[] password = readPassword();
    try {
      if (password.length == 0) {
        throw new UserError("the password is empty", 2);
      }
      spec.commandLine().getOut().println(PasswordHasher.hash(password));
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null && !stdin) {
      char[] first = console.readPassword("Agent password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        throw new UserError("the two passwords differ", 2);
      }
      Arrays.fill(second, '\0');
      return first;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? new char[0] : line.toCharArray();
  }
}
