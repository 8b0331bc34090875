package com.adaptivestartup.console.vendor;

import com.adaptivestartup.licensing.files.PrivateFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adaptive-vendor brain ...}: vendor staff's commands on the Brain, through its staff API (the same the staff
 * page uses). {@code sign-in} keeps the session (the Brain's address and a token of 12 hours) in a file only its owner
 * reads; every other command uses it. The Brain's refusals are printed in its words.
 */
public final class BrainCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private BrainCommands() {
    }

    /** The {@code brain} group with its commands. */
    public static CommandLine group() {
        return new CommandLine(new Group()).addSubcommand(new SignIn()).addSubcommand(new SignOut()).addSubcommand(new Show())
                .addSubcommand(new Publish()).addSubcommand(new Pin()).addSubcommand(new Unpin())
                .addSubcommand(new CommandLine(new NoticeGroup()).addSubcommand(new NoticeAdd()).addSubcommand(new NoticeWithdraw()))
                .addSubcommand(new CommandLine(new StaffGroup()).addSubcommand(new StaffAdd()))
                .addSubcommand(new CommandLine(new CustomerGroup()).addSubcommand(new CustomerPaid()).addSubcommand(new CustomerEnd()));
    }

    @Command(name = "brain", mixinStandardHelpOptions = true,
            description = "Vendor staff's commands on the Brain (sign in first: adaptive-vendor brain sign-in).")
    static final class Group {
    }

    @Command(name = "notice", mixinStandardHelpOptions = true, description = "Notices shown in consoles, by version and edition.")
    static final class NoticeGroup {
    }

    @Command(name = "staff", mixinStandardHelpOptions = true, description = "Who may sign in to the Brain's staff page and API.")
    static final class StaffGroup {
    }

    @Command(name = "customer", mixinStandardHelpOptions = true,
            description = "Customers who pay by invoice (Stripe's customers come from Stripe's events).")
    static final class CustomerGroup {
    }

    /** Where the session is kept: --session, else $ADAPTIVE_VENDOR_HOME/brain-session.json, else ~/.adaptive-vendor. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "--session", description = "The session file (default: ~/.adaptive-vendor/brain-session.json).")
        Path session;

        Path sessionFile() {
            if (session != null) {
                return session;
            }
            String home = System.getenv("ADAPTIVE_VENDOR_HOME");
            return (home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".adaptive-vendor"))
                    .resolve("brain-session.json");
        }

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (Refused e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
        }

        abstract int run() throws IOException, InterruptedException;

        /** Writes a secret (a session, a license key) readable by its owner only, replacing the file whole. */
        static void writePrivately(Path file, String text) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            PrivateFiles.write(file, text, StandardCharsets.UTF_8);
        }

        /** A call to the staff API with the kept session; the Brain's answer, or its refusal as {@link Refused}. */
        JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
            Path file = sessionFile();
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("not signed in to a Brain: run adaptive-vendor brain sign-in first");
            }
            JsonNode kept = JSON.readTree(file.toFile());
            return send(kept.path("url").asText(), method, path, body, kept.path("token").asText());
        }

        static JsonNode send(String url, String method, String path, JsonNode body, String token)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r;
            try {
                r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new IOException("the Brain at " + url + " does not answer (" + e.getMessage() + ")", e);
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(r.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException("the Brain answered " + r.statusCode() + " with something that is not JSON");
            }
            if (r.statusCode() == 401 && token != null && path.startsWith("/staff/v1/")) {
                throw new Refused("the Brain no longer knows this session (" + answer.path("error").asText()
                        + "): run adaptive-vendor brain sign-in again");
            }
            if (r.statusCode() >= 400) {
                throw new Refused(answer.path("error").asText("the Brain answered " + r.statusCode()));
            }
            return answer;
        }
    }

    /** The Brain said no, in its words. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @Command(name = "sign-in", sortOptions = false, description = "Sign in to a Brain with your email and staff key.")
    static final class SignIn extends Base {
        @Option(names = "--url", required = true, description = "The Brain's address, e.g. https://brain.example.com.")
        String url;
        @Option(names = "--email", required = true, description = "Your email address, as staff.")
        String email;
        @Option(names = "--key-file", required = true, description = "A file holding your staff key (bsk_...).")
        Path keyFile;

        @Override
        int run() throws IOException, InterruptedException {
            String base = url.replaceAll("/+$", "");
            if (!base.startsWith("https://") && !base.matches("http://(localhost|127\\.\\d+\\.\\d+\\.\\d+)(:\\d+)?")) {
                throw new IllegalArgumentException("the Brain's address is https://... (plain http only on this computer), not "
                        + url);
            }
            String key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            JsonNode signed = send(base, "POST", "/staff/sign-in",
                    JSON.createObjectNode().put("email", email).put("key", key), null);
            writePrivately(sessionFile(), JSON.createObjectNode().put("url", base).put("token", signed.path("token").asText())
                    .put("email", signed.path("email").asText()).put("expiresAt", signed.path("expiresAt").asText()).toString());
            System.out.println("signed in to " + base + " as " + signed.path("email").asText() + " until "
                    + signed.path("expiresAt").asText());
            return 0;
        }
    }

    @Command(name = "sign-out", description = "End the session and forget it.")
    static final class SignOut extends Base {
        @Override
        int run() throws IOException, InterruptedException {
            Path file = sessionFile();
            if (Files.isReadable(file)) {
                JsonNode kept = JSON.readTree(file.toFile());
                try {
                    send(kept.path("url").asText(), "POST", "/staff/sign-out", null, kept.path("token").asText());
                } finally {
                    Files.delete(file);
                }
            }
            System.out.println("signed out");
            return 0;
        }
    }

    @Command(name = "show", description = "Show a view: customers, licenses, jobs, installations, notices, releases, channels, mails.")
    static final class Show extends Base {
        @Parameters(index = "0", description = "The view.")
        String view;
        @Option(names = "--json", description = "The rows as JSON.")
        boolean json;

        @Override
        int run() throws IOException, InterruptedException {
            JsonNode rows = call("GET", "/staff/v1/views/" + view, null);
            if (json) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else {
                System.out.print(table(rows));
            }
            return 0;
        }
    }

    /** Rows as a plain text table, columns as wide as their longest value (at most 40 characters shown). */
    static String table(JsonNode rows) {
        if (rows.isEmpty()) {
            return "(none)\n";
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(columns::add);
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.path(c);
                String text = v.isNull() || v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
                line.add(text.length() > 40 ? text.substring(0, 39) + "…" : text);
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                out.append(i == line.size() - 1 ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Command(name = "publish", sortOptions = false, description = "Publish a customer's signed release on a track.")
    static final class Publish extends Base {
        @Option(names = "--manifest", required = true, description = "The signed release manifest (.asr).")
        Path manifest;
        @Option(names = "--track", defaultValue = "stable", description = "stable or beta (default ${DEFAULT-VALUE}).")
        String track;

        @Override
        int run() throws IOException, InterruptedException {
            JsonNode r = call("POST", "/staff/v1/releases", JSON.createObjectNode().put("track", track)
                    .put("manifest", Files.readString(manifest, StandardCharsets.US_ASCII)));
            System.out.println("published on " + track + " for " + r.path("customer").asText());
            return 0;
        }
    }

    @Command(name = "pin", sortOptions = false, description = "Never offer a customer a version beyond one.")
    static final class Pin extends Base {
        @Parameters(index = "0", description = "The customer (c-...).")
        String customer;
        @Option(names = "--up-to", required = true, description = "The newest version they are offered.")
        String upTo;
        @Option(names = "--reason", required = true, description = "Why (shown to staff beside the pin).")
        String reason;

        @Override
        int run() throws IOException, InterruptedException {
            call("PUT", "/staff/v1/pins/" + customer, JSON.createObjectNode().put("upTo", upTo).put("reason", reason));
            System.out.println(customer + " is offered nothing beyond " + upTo);
            return 0;
        }
    }

    @Command(name = "unpin", description = "Offer a customer every release of their track again.")
    static final class Unpin extends Base {
        @Parameters(index = "0", description = "The customer (c-...).")
        String customer;

        @Override
        int run() throws IOException, InterruptedException {
            call("DELETE", "/staff/v1/pins/" + customer, null);
            System.out.println(customer + " is offered every release of their track");
            return 0;
        }
    }

    @Command(name = "add", sortOptions = false, description = "Add or replace a notice.")
    static final class NoticeAdd extends Base {
        @Option(names = "--id", required = true, description = "Its id (letters, digits, '.', '_', '-').")
        String id;
        @Option(names = "--severity", required = true, description = "info, warning or critical.")
        String severity;
        @Option(names = "--title", required = true, description = "Its title.")
        String title;
        @Option(names = "--body", defaultValue = "", description = "Its text.")
        String body;
        @Option(names = "--from", description = "The first version it is for.")
        String from;
        @Option(names = "--below", description = "The version it stops at.")
        String below;
        @Option(names = "--edition", description = "An edition it is for (repeat; none: every edition).")
        List<String> editions = new ArrayList<>();
        @Option(names = "--expires", required = true, description = "When it ends, e.g. 2027-01-01T00:00:00Z.")
        String expires;

        @Override
        int run() throws IOException, InterruptedException {
            ObjectNode n = JSON.createObjectNode().put("id", id).put("severity", severity).put("title", title).put("body", body)
                    .put("expiresAt", expires);
            if (from != null) {
                n.put("from", from);
            }
            if (below != null) {
                n.put("below", below);
            }
            editions.forEach(n.putArray("editions")::add);
            call("POST", "/staff/v1/notices", n);
            System.out.println("notice " + id + " is on every channel until " + expires);
            return 0;
        }
    }

    @Command(name = "withdraw", description = "Withdraw a notice.")
    static final class NoticeWithdraw extends Base {
        @Parameters(index = "0", description = "The notice's id.")
        String id;

        @Override
        int run() throws IOException, InterruptedException {
            call("DELETE", "/staff/v1/notices/" + id, null);
            System.out.println("notice " + id + " withdrawn");
            return 0;
        }
    }

    @Command(name = "add", description = "Add a staff member; prints their key once.")
    static final class StaffAdd extends Base {
        @Parameters(index = "0", description = "Their email address.")
        String email;

        @Override
        int run() throws IOException, InterruptedException {
            JsonNode r = call("POST", "/staff/v1/staff", JSON.createObjectNode().put("email", email));
            System.out.println(r.path("key").asText());
            System.err.println(r.path("note").asText());
            return 0;
        }
    }

    @Command(name = "paid", sortOptions = false, description = "Record that an invoiced customer has paid until a day;"
            + " writes their license (made on the first payment, renewed by a later day).")
    static final class CustomerPaid extends Base {
        @Parameters(index = "0", description = "The customer's key, chosen once (e.g. acme): their name in licenses and"
                + " the registry.")
        String key;
        @Option(names = "--until", required = true, description = "The last day paid for (e.g. 2027-12-31), or a time.")
        String until;
        @Option(names = "--email", required = true, description = "The customer's contact address.")
        String email;
        @Option(names = "--name", description = "The company's name.")
        String name;
        @Option(names = "--edition", defaultValue = "standard", description = "trial, standard or enterprise"
                + " (default ${DEFAULT-VALUE}).")
        String edition;
        @Option(names = "--seats", defaultValue = "10", description = "Seats (default ${DEFAULT-VALUE}).")
        int seats;
        @Option(names = "--out", required = true, description = "Where to write the license key (readable by you only).")
        Path out;

        @Override
        int run() throws IOException, InterruptedException {
            ObjectNode b = JSON.createObjectNode().put("paidUntil", endOf(until)).put("email", email).put("edition", edition)
                    .put("seats", seats);
            if (name != null) {
                b.put("name", name);
            }
            JsonNode r = call("PUT", "/staff/v1/customers/" + key, b);
            writePrivately(out, r.path("license").asText() + "\n");
            System.out.println(r.path("customer").asText() + " has license " + r.path("licenseId").asText() + " until "
                    + r.path("expiresAt").asText() + " (the grace included), written to " + out);
            return 0;
        }

        /** A day is paid through its end (UTC): the next day's start. */
        private static String endOf(String day) {
            try {
                return java.time.LocalDate.parse(day).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
            } catch (java.time.format.DateTimeParseException notADay) {
                return day;   // a time, which the Brain checks
            }
        }
    }

    @Command(name = "end", description = "End an invoiced customer: their licenses revoked (pulls refused, updates off).")
    static final class CustomerEnd extends Base {
        @Parameters(index = "0", description = "The customer's key.")
        String key;

        @Override
        int run() throws IOException, InterruptedException {
            JsonNode r = call("DELETE", "/staff/v1/customers/" + key, null);
            System.out.println(r.path("customer").asText() + " ended: license " + r.path("licenseId").asText() + " revoked");
            return 0;
        }
    }
}
