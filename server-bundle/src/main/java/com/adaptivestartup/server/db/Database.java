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
        if (config.isSqlite()) {
            return sqlitePool(config, maxConnections);
        }
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
     * One SQLite file: write-ahead log (readers never wait for the writer), each transaction the single writer
     * from its first statement (BEGIN IMMEDIATE: two transactions that read then write cannot deadlock), other
     * writers waiting up to 10 s for their turn, foreign keys enforced, and a commit on the disk before it is
     * acknowledged (synchronous FULL: a power cut loses nothing that was answered).
     */
    private static HikariDataSource sqlitePool(ServerConfig.Database config, int maxConnections) {
        try {
            java.nio.file.Path folder = config.sqliteFile().getParent();
            if (folder != null) {
                java.nio.file.Files.createDirectories(folder);
            }
        } catch (java.io.IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new DataAccessException(new SQLException("cannot make the database's folder "
                    + config.sqliteFile().getParent() + " (" + why + "); set DATABASE_URL to a file in a folder this"
                    + " server's user can write", e));
        }
        org.sqlite.SQLiteConfig sqlite = new org.sqlite.SQLiteConfig();
        sqlite.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setDataSourceProperties(sqlite.toProperties());
        hikari.setMaximumPoolSize(Math.max(2, maxConnections));
        hikari.setConnectionTimeout(10_000);
        hikari.setPoolName("adaptive-sqlite");
        return new HikariDataSource(hikari);
    }

    /**
     * Waits until the database accepts a connection, for at most {@code patience}; empty when it did,
     * otherwise the last reason it did not. A database that is still starting refuses connections or
     * says so; both are retried every 200 ms (a plain connection, not the pool, whose retries back off to
     * seconds).
     */
    public static Optional<String> awaitReachable(ServerConfig.Database config, Duration patience) {
        if (config.isSqlite()) {
            return Optional.empty();   // a file: there is nothing to wait for
        }
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
        return new Sql(dataSource, dialectOf(dataSource));
    }

    /** Which database a pool reaches (its URL when it is ours, else what its driver says). */
    public static Dialect dialectOf(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            return hikari.getJdbcUrl().startsWith("jdbc:sqlite:") ? Dialect.SQLITE : Dialect.POSTGRES;
        }
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite")
                    ? Dialect.SQLITE : Dialect.POSTGRES;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
