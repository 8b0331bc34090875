package com.adaptivestartup.server.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The words of every mail the server sends, as plain text and as simple HTML made from the same paragraphs (every
 * value escaped). A link is written out in full in both, so a person whose mail shows text only can still use it.
 */
public final class Letters {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String SIGNATURE = "— Adaptive Startup";

    private Letters() {
    }

    /** An invitation: who invited, into which organization, as what, and until when the link works. */
    public static Letter invitation(String inviter, String organization, String role, String link, Instant expires) {
        return letter("You are invited to " + organization + " on Adaptive Startup",
                List.of(inviter + " invited you to join " + organization + " on Adaptive Startup as " + article(role) + " "
                                + role + ".",
                        "Open this link to choose your password and join:"),
                link, List.of("The link works until " + WHEN.format(expires) + ". If you did not expect this, ignore"
                        + " this mail."));
    }

    /** A reset asked for by the person (or for them by an admin): the link, or without an address the code. */
    public static Letter passwordReset(String name, String link, String code, Duration lifetime, boolean byAdmin) {
        String asked = byAdmin ? "An admin of your organization asked for a new password for your account."
                : "Someone (we hope you) asked to reset the password of your Adaptive Startup account.";
        List<String> before = link != null
                ? List.of("Hello " + name + ",", asked, "Open this link to choose a new password:")
                : List.of("Hello " + name + ",", asked, "On the sign-in page choose \"Forgot password?\", then \"I have a"
                        + " code\", and enter this code:");
        return letter("Reset your Adaptive Startup password", before, link != null ? link : code,
                List.of("It works once, for " + minutes(lifetime) + ". Choosing a new password signs your account out"
                        + " everywhere.", "If you did not ask for this, ignore this mail: your password stays as it is."));
    }

    /**
     * To a person whose account came from Adaptive Startup Cloud (passwords cannot move): the link to choose one, or
     * without an address the code.
     */
    public static Letter welcomeImported(String name, String link, String code, Duration lifetime) {
        List<String> before = link != null
                ? List.of("Hello " + name + ",", "Your company now runs Adaptive Startup on its own server, with your"
                        + " ventures and files brought over from Adaptive Startup Cloud.",
                        "Passwords do not move with the data: open this link to choose yours.")
                : List.of("Hello " + name + ",", "Your company now runs Adaptive Startup on its own server, with your"
                        + " ventures and files brought over from Adaptive Startup Cloud.", "Passwords do not move with"
                        + " the data: on the sign-in page choose \"Forgot password?\", then \"I have a code\", and"
                        + " enter this code to choose yours:");
        return letter("Choose your password for Adaptive Startup", before, link != null ? link : code,
                List.of("It works once, for " + minutes(lifetime) + ". After that, ask an admin of your organization"
                        + " for a new one."));
    }

    /** After a password change or reset, to the account's address. */
    public static Letter passwordChanged(String name, Instant when, String how) {
        return letter("Your Adaptive Startup password was changed",
                List.of("Hello " + name + ",", "The password of your Adaptive Startup account was " + how + " on "
                        + WHEN.format(when) + ". Every session of the account was signed out."),
                null, List.of("If this was not you, ask an admin of your organization to reset your password at once."));
    }

    /** To a new address someone wants for their account: the link that makes the change. */
    public static Letter emailChange(String name, String newEmail, String link, String code, Duration lifetime) {
        return letter("Confirm your new email address for Adaptive Startup",
                List.of("Hello " + name + ",", "To use " + newEmail + " to sign in to Adaptive Startup, confirm it"
                        + (link != null ? " with this link:" : " with this code on your profile page:")),
                link != null ? link : code,
                List.of("It works once, for " + minutes(lifetime) + ". Until then you sign in with your old address."));
    }

    /** To the old address after a change. */
    public static Letter emailChanged(String name, String newEmail) {
        return letter("Your Adaptive Startup sign-in address was changed",
                List.of("Hello " + name + ",", "Your account now signs in with " + newEmail + "; this address is no"
                        + " longer used for it."),
                null, List.of("If this was not you, ask an admin of your organization to look into it at once."));
    }

    /** A notice about the installation, which the console sends to the admins who asked for them. */
    public static Letter installationNotice(String subject, String text, String appAddress) {
        return letter("Adaptive Startup: " + subject, List.of(text),
                null, List.of("Open the Adaptive Startup console on the server to see more" + (appAddress == null ? "."
                        : "; the app is at " + appAddress + "."), "You get these because you asked for the installation's"
                        + " notices in your profile; turn them off there."));
    }

    /** The console's "Send a test email". */
    public static Letter test(String sentFrom) {
        return letter("Adaptive Startup test email",
                List.of("This is a test email from the Adaptive Startup installation " + sentFrom + ".",
                        "If you can read it, mail from the stack arrives: invitations, password resets and notices to"
                                + " admins will too."),
                null, List.of());
    }

    private static Letter letter(String subject, List<String> before, String highlight, List<String> after) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"></head><body"
                + " style=\"font-family:sans-serif;"
                + "line-height:1.5;max-width:36em\">");
        for (String p : before) {
            text.append(p).append("\n\n");
            html.append("<p>").append(escape(p)).append("</p>");
        }
        if (highlight != null) {
            text.append("    ").append(highlight).append("\n\n");
            boolean link = highlight.startsWith("https://") || highlight.startsWith("http://");
            html.append(link ? "<p><a href=\"" + escape(highlight) + "\">" + escape(highlight) + "</a></p>"
                    : "<p style=\"font-size:1.3em;font-family:monospace\">" + escape(highlight) + "</p>");
        }
        for (String p : after) {
            text.append(p).append("\n\n");
            html.append("<p>").append(escape(p)).append("</p>");
        }
        text.append(SIGNATURE).append('\n');
        html.append("<p style=\"color:#666\">").append(escape(SIGNATURE)).append("</p></body></html>");
        return new Letter(subject, text.toString(), html.toString());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String article(String role) {
        return role.matches("[aeiouAEIOU].*") ? "an" : "a";
    }

    private static String minutes(Duration d) {
        if (d.toDays() >= 2 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() + " days";
        }
        return d.toHours() >= 1 && d.toMinutesPart() == 0 ? d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s")
                : d.toMinutes() + " minutes";
    }
}
