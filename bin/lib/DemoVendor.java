import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendor's outside world for bin/demo, on this machine (JDK only, run as a single source file): GitHub's REST API
 * as far as the Brain uses it (a workflow_dispatch of the image workflow, answered 204 as GitHub does, which starts the
 * local build script with the customer and the job, as the workflow would) and a mail server that keeps every message
 * as a file in a mailbox folder (SMTP, no TLS offered: it listens only on the demo's Docker network's gateway).
 *   java DemoVendor.java ADDRESS GITHUB_PORT SMTP_PORT MAILBOX BUILD_SCRIPT LOG
 */
public final class DemoVendor {
    private static final Pattern INPUT = Pattern.compile("\"(customer_id|job_id)\"\\s*:\\s*\"([A-Za-z0-9-]+)\"");

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        Path mailbox = Files.createDirectories(Path.of(args[3]));
        Path build = Path.of(args[4]);
        Path log = Path.of(args[5]);
        HttpServer github = HttpServer.create(new InetSocketAddress(address, Integer.parseInt(args[1])), 16);
        github.createContext("/repos/", exchange -> dispatch(exchange, build, log));
        github.start();
        ServerSocket smtp = new ServerSocket(Integer.parseInt(args[2]), 16, address);
        AtomicInteger count = new AtomicInteger();
        System.out.println("demo GitHub on " + args[0] + ":" + args[1] + ", demo mail server on " + args[0] + ":" + args[2]);
        while (true) {
            Socket client = smtp.accept();
            Thread.ofVirtual().start(() -> {
                try (client) {
                    receive(client, mailbox, count);
                } catch (IOException e) {
                    System.err.println("a mail was not received: " + e.getMessage());
                }
            });
        }
    }

    /** POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches: the build starts, GitHub's 204. */
    private static void dispatch(HttpExchange exchange, Path build, Path log) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/dispatches")
                    || exchange.getRequestHeaders().getFirst("Authorization") == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String customer = null;
            String job = null;
            Matcher m = INPUT.matcher(body);
            while (m.find()) {
                if (m.group(1).equals("customer_id")) {
                    customer = m.group(2);
                } else {
                    job = m.group(2);
                }
            }
            if (customer == null || job == null) {
                byte[] error = "{\"message\":\"inputs customer_id and job_id are required\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(422, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            new ProcessBuilder("bash", build.toString(), customer, job).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            System.out.println("building the images of " + customer + " (job " + job + ")");
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** One SMTP conversation: each message kept as mailbox/NNN.eml. */
    private static void receive(Socket client, Path mailbox, AtomicInteger count) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream raw = client.getOutputStream();
        PrintWriter out = new PrintWriter(raw, true, StandardCharsets.UTF_8);
        reply(out, "220 demo mailbox ready");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, "250-demo mailbox\r\n250 8BITMIME");
                case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder message = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        message.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
                    }
                    Path file = mailbox.resolve(String.format("%03d.eml", count.incrementAndGet()));
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    Files.writeString(tmp, message, StandardCharsets.UTF_8);
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    System.out.println("a mail arrived: " + file);
                    reply(out, "250 kept as " + file.getFileName());
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not here");
            }
        }
    }

    private static void reply(PrintWriter out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }
}
