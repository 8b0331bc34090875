package com.adaptivestartup.server.mail;

/** One email's subject and body, as plain text and as simple HTML (null: text only). */
public record Letter(String subject, String text, String html) {
}
