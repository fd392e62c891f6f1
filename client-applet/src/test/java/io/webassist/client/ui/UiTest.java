package io.webassist.client.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A class of real-window tests: needs a display ({@link DisplayGuard}: fails in CI without one,
 * skips saying why on a developer machine), catches Swing calls off the EDT, and gives every test a
 * time limit, so a window that hangs fails the build instead of blocking it. Each test's fixture
 * is cleaned up in its {@code @AfterEach}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DisplayGuard.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("ui")
public @interface UiTest {}
