package com.adaptivestartup.brain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The Brain's PostgreSQL: a pool, and its schema brought to this build's before anything is served. */
public final class BrainDatabase implements AutoCloseable {
    private final HikariDataSource pool;

    private BrainDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects, migrates (Flyway, under its lock: several Brains may start at once) and returns the pool. */
    public static BrainDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("brain");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/brain").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new BrainDatabase(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
