package com.adaptivestartup.server.db;

import com.adaptivestartup.server.config.ServerConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

    public static Sql sql(DataSource dataSource) {
        return new Sql(dataSource);
    }
}
