package io.webassist.console.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
  private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  @TempDir
  Path dir;

  @Test
  void remembersServerAgentAndTrustedFingerprintButNoPassword() throws Exception {
    ProfileStore store = new ProfileStore(dir.resolve("profile"));
    assertThat(store.load()).isEqualTo(ConsoleProfile.EMPTY);

    store.save(ConsoleProfile.EMPTY.loggedIn("127.0.0.1:7400", "bob", FP));
    ConsoleProfile read = store.load();

    assertThat(read.lastServer()).isEqualTo("127.0.0.1:7400");
    assertThat(read.lastAgentId()).isEqualTo("bob");
    assertThat(read.trusted("127.0.0.1:7400")).isEqualTo(FP);
    assertThat(read.trusted("other:7400")).isNull();
    assertThat(Files.readString(store.file())).doesNotContainIgnoringCase("password").doesNotContain("secret");
  }

  @Test
  void aBrokenFileReadsAsAnEmptyProfile() throws Exception {
    ProfileStore store = new ProfileStore(dir);
    Files.writeString(store.file(), "{not json");

    assertThat(store.load()).isEqualTo(ConsoleProfile.EMPTY);
  }
}
