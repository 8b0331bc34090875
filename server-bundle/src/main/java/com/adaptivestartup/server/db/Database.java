package com.adaptivestartup.server.db;

import com.adaptivestartup.server.config.ServerConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/** The connection pool. Small: the server shares a 2-core host with its database. */
public final class Database {
    private Database() {
    }

    public static HikariDataSource pool(ServerConfig.Database config, int maxConnections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(maxConnections);
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(-1); // start even if the database is still coming up; /readyz says so
        hikari.setPoolName("adaptive-db");
        return new HikariDataSource(hikari);
    }

    /**
     * Waits until the database accepts a connection, for at most {@code patience}; empty when it did,
     * otherwise the last reason it did not. A database that is still starting refuses connections or
     * says so; both are retried every 200 ms (a plain connection, not the pool, whose retries back off to
     * seconds).
     */
    public static Optional<String> awaitReachable(ServerConfig.Database config, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password());
        props.setProperty("connectTimeout", "2");
        while (true) {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), props)) {
                return Optional.empty();
            } catch (SQLException e) {
                if (System.nanoTime() >= deadline) {
                    return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    public static Sql sql(DataSource dataSource) {
        return new Sql(dataSource);
    }
}
