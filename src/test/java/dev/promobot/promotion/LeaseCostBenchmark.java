package dev.promobot.promotion;

import dev.promobot.rules.Digest;
import dev.promobot.rules.Image;
import dev.promobot.store.Db;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the lease and the fence add to one deployment, in promobot's own time: the statements that exist only for
 * them (a renewal before each function's update, and one per sweep interval while Lambda works), timed through
 * {@link Deployments} against PostgreSQL. Starting and finishing a deployment are one statement each, as before;
 * they only carry the owner and epoch. Lives beside {@link Deployments} to use it as promobot does.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.promotion.LeaseCostBenchmark</pre>
 */
public final class LeaseCostBenchmark {

    private static final int DEPLOYMENTS = Integer.getInteger("bench.deployments", 500);
    /** One function, a minute on Lambda at the default 15 s sweep: one renewal to confirm, four while waiting. */
    private static final int RENEWALS_PER_DEPLOYMENT = 5;
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "promobot_bench_lease";

    public static void main(String[] args) throws Exception {
        sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        sql("CREATE DATABASE " + DATABASE);
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(SERVER + DATABASE);
            dataSource.setUser("postgres");
            Flyway.configure().dataSource(dataSource).placeholders(Map.of("service", "bench")).load().migrate();
            Deployments deployments = new Deployments(new Db(pooled(dataSource.getConnection())), Clock.systemUTC(),
                    new PromotionMetrics(new SimpleMeterRegistry(), Runnable::run));
            Image image = new Image(Digest.parse("sha256:" + "a".repeat(64)).value().orElseThrow(),
                    List.of("sha-aaaaaaa-20251120"), Optional.empty());
            long[] leaseNanos = new long[DEPLOYMENTS];
            for (int i = 0; i < DEPLOYMENTS; i++) {
                DeploymentLease lease = deployments.start("bench", "bench-" + i, List.of("f"), image, Optional.empty(),
                        DeploymentKind.PROMOTION, 1, "bench", Optional.empty(), "replica", Duration.ofMinutes(1))
                        .orElseThrow();
                long started = System.nanoTime();
                for (int r = 0; r < RENEWALS_PER_DEPLOYMENT; r++) {
                    deployments.renew(lease, Duration.ofMinutes(1));
                }
                leaseNanos[i] = System.nanoTime() - started;
                deployments.finish(lease, DeploymentStatus.SUCCEEDED, Optional.empty());
            }
            // The first fifth warms the JVM and the connection path up; it is left out.
            long[] measured = Arrays.copyOfRange(leaseNanos, DEPLOYMENTS / 5, DEPLOYMENTS);
            Arrays.sort(measured);
            System.out.printf("%d deployments, %d lease statements each: median %.2f ms, p99 %.2f ms per "
                            + "deployment (target under 20 ms)%n", measured.length, RENEWALS_PER_DEPLOYMENT,
                    measured[measured.length / 2] / 1e6, measured[(int) (measured.length * 0.99)] / 1e6);
        } finally {
            sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    /** One open connection handed out again and again, as promobot's pool does, so no statement pays a connect. */
    private static DataSource pooled(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) ->
                        method.getName().equals("close") ? null : method.invoke(connection, arguments));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) ->
                        method.getName().equals("getConnection") ? kept : null);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "");
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
