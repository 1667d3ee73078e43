package app.triplicate.bench;

import java.sql.*;
import java.nio.file.*;
import java.util.*;
import java.io.*;

/**
 * Measures what a kill loses at each H2 write delay, and what a commit costs: a child JVM commits small
 * transactions (a copy-like row and a figure update, as ingest records a copy) as fast as it can and prints the
 * number of each commit once {@code commit()} returned; it is killed with SIGKILL after 1.5 to 3 s (seeded), the
 * file is reopened and the rows counted. "Lost" is acknowledged commits missing after the reopen.
 * <p>
 * Usage (after {@code ./mvnw -q test-compile}): {@code java -cp target/test-classes:H2_JAR
 * app.triplicate.bench.WriteDelayBench ROUNDS}. The figures in the README came from 5 and 6 rounds.
 */
public final class WriteDelayBench {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("writer")) { writer(a[1], Integer.parseInt(a[2])); return; }
        int[] delays = {0, 500, 0, 500};
        int rounds = Integer.parseInt(a[0]);
        Random rnd = new Random(13);
        for (int d : delays) {
            long lostTotal = 0, lostMax = 0; double rate = 0; double bytesPerCommit = 0;
            for (int r = 0; r < rounds; r++) {
                Path dir = Files.createTempDirectory("wd");
                String db = dir.resolve("c").toString();
                Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", System.getProperty("java.class.path"), WriteDelayBench.class.getName(), "writer", db, "" + d)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()));
                String line = in.readLine(); // "ready"
                long start = System.nanoTime();
                long wait = 1500 + rnd.nextInt(1500);
                long last = 0; String l;
                while ((System.nanoTime() - start) / 1_000_000 < wait && (l = in.readLine()) != null) last = Long.parseLong(l);
                new ProcessBuilder("kill", "-9", "" + p.pid()).start().waitFor(); p.waitFor();
                while ((l = in.readLine()) != null) last = Long.parseLong(l);
                double secs = (System.nanoTime() - start) / 1e9;
                try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
                     ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next(); long kept = rs.getLong(1);
                    long lost = last - kept;
                    lostTotal += lost; lostMax = Math.max(lostMax, lost);
                    rate += last / secs; bytesPerCommit += Files.size(Path.of(db + ".mv.db")) / (double) Math.max(1, kept);
                }
            }
            System.out.printf("WRITE_DELAY=%d: commits/s %.0f, lost per kill mean %.1f max %d (acknowledged commits missing after reopen), file bytes per commit %.0f%n",
                    d, rate / rounds, (double) lostTotal / rounds, lostMax, bytesPerCommit / rounds);
        }
    }

    static void writer(String db, int delay) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";WRITE_DELAY=" + delay + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, hash CHAR(32), path VARCHAR(400))");
            c.createStatement().execute("CREATE TABLE f (id INT PRIMARY KEY, files BIGINT)");
            c.createStatement().execute("INSERT INTO f VALUES (1, 0)");
            System.out.println("ready"); System.out.flush();
            c.setAutoCommit(false);
            PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
            PreparedStatement up = c.prepareStatement("UPDATE f SET files = files + 1 WHERE id = 1");
            PrintStream out = System.out;
            for (long i = 1; ; i++) {
                ins.setLong(1, i); ins.setString(2, String.format("%032x", i)); ins.setString(3, "2026/2026-05-01 Session/IMG_" + i + ".CR3");
                ins.executeUpdate(); up.executeUpdate();
                c.commit();
                out.println(i); out.flush();
            }
        }
    }
}
