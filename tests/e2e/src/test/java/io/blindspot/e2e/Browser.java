package io.blindspot.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: no browser or driver is ever
 * downloaded (Selenium Manager is not consulted when both paths are given). Missing packages fail
 * the test with the command that installs them; they are never a reason to skip.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = env("BLINDSPOT_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER = env("BLINDSPOT_CHROMEDRIVER", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path screenshots;
  private int shots;

  Browser(Path screenshots) {
    for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new AssertionError(
            binary
                + " is missing: the dashboard's browser test needs Debian's Chromium"
                + " (apt-get install chromium chromium-driver; .ci/run does)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    this.screenshots = screenshots;
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Saves the viewport as NN-name.png under the screenshots directory; returns the file. */
  Path screenshot(String name) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
    try {
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save " + target, e);
    }
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
