package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Users in PostgreSQL. Emails are unique regardless of case. */
public final class UserRepository {
    private static final String COLUMNS = "id, email, name, password_hash, must_change_password, public_key, created_at";
    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<User> byEmail(String email) {
        return sql.one("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)", UserRepository::map, email);
    }

    public Optional<User> byId(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
    }

    public static void insert(Sql.Tx tx, User user) throws SQLException {
        tx.update("INSERT INTO users (id, email, name, password_hash, must_change_password, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", user.id(), user.email(), user.name(), user.passwordHash(),
                user.mustChangePassword(), user.createdAt());
    }

    /** Sets the password inside the caller's transaction; {@code mustChange}: a one-time password to replace. */
    public static void setPassword(Sql.Tx tx, UUID id, String passwordHash, boolean mustChange) throws SQLException {
        tx.update("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?", passwordHash, mustChange, id);
    }

    public static Optional<User> byId(Sql.Tx tx, UUID id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
    }

    public void setPublicKey(UUID id, String publicKey) {
        sql.update("UPDATE users SET public_key = ? WHERE id = ?", publicKey, id);
    }

    static User map(ResultSet r) throws SQLException {
        return new User(Sql.uuid(r, "id"), r.getString("email"), r.getString("name"),
                r.getString("password_hash"), r.getBoolean("must_change_password"), r.getString("public_key"),
                Sql.instant(r, "created_at"));
    }
}
