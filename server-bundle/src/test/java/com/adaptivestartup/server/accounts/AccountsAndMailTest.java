package com.adaptivestartup.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.MovableClock;
import com.adaptivestartup.server.testing.TestStack;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts a company can run, on a real server, PostgreSQL and Redis, with a real SMTP server (GreenMail) reading
 * what people receive: invitations by mail, "forgot password", admins' resets, the profile's address change and
 * sessions, and an outbox that keeps mail while the mail server is down.
 */
class AccountsAndMailTest {
    static final String ADDRESS = "https://adaptive.acme.example/";
    static TestMailbox mailbox;
    static MovableClock clock = new MovableClock();
    static TestStack stack;
    static Api founder;
    static String org;

    @BeforeAll
    static void start() {
        mailbox = new TestMailbox();
        stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(), new ServerConfig.Http(0, 5L * 1024 * 1024, 12, 30, "",
                new PublicUrl(URI.create(ADDRESS))), clock, mailbox.settings());
        founder = stack.founder();
        org = stack.adminOrgId.toString();
    }

    @AfterAll
    static void stop() {
        stack.close();
        mailbox.close();
    }

    static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    /** Invites by mail and joins through the link in it, as the invited person would; returns their client. */
    static Api joinByMail(String email, String role) {
        Api.Response invited = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", email, "role", role)));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().get("mailed").asBoolean()).isTrue();
        TestMailbox.Mail mail = mailbox.await(email, 1).getLast();
        Api person = stack.api();
        Api.Response accepted = person.post("/api/invitations/accept", Api.json(Map.of("token", mail.token(),
                "name", "Colleague", "password", TestStack.GUEST_PASSWORD)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return person.withToken(accepted.json().get("token").asText());
    }

    @Test
    void anInvitationArrivesByMailWithALinkOnTheAppsAddressAndTheLinkJoins() {
        String email = unique("ines");
        String timed = unique("timed");
        long t0 = System.nanoTime();
        founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", timed, "role", "viewer")));
        mailbox.await(timed, 1);
        System.out.println("mail delivery, invitation request to mailbox: " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                + " (with the outbox's one-second rounds)");
        Api ines = joinByMail(email, "member");

        TestMailbox.Mail mail = mailbox.received(email).getFirst();
        assertThat(mail.subject()).isEqualTo("You are invited to Acme on Adaptive Startup");
        assertThat(mail.text()).contains("Founder (" + TestStack.ADMIN_EMAIL + ") invited you to join Acme on Adaptive"
                + " Startup as a member.").contains("The link works until ");
        assertThat(mail.link()).startsWith(ADDRESS + "#/invitation/");
        assertThat(mail.html()).contains("<a href=\"" + mail.link() + "\">");
        assertThat(ines.get("/api/orgs").json().toString()).contains("Acme");

        Api.Response outbox = founder.get("/api/orgs/" + org + "/mail");
        assertThat(outbox.json().get("enabled").asBoolean()).isTrue();
        assertThat(outbox.json().get("mail").findValuesAsText("recipient")).contains(email);
        assertThat(outbox.json().get("mail").get(0).get("status").asText()).isEqualTo("sent");
        assertThat(outbox.body()).doesNotContain(mail.token());
        assertThat(stack.sql.one("SELECT count(*) FROM mail_outbox WHERE body_text LIKE ?", r -> r.getLong(1),
                "%" + mail.token() + "%")).as("a sent mail's body is emptied").contains(0L);
    }

    @Test
    void forgotPasswordMailsASingleUseLinkThatEndsEverySessionAndTellsTheAccount() {
        String email = unique("rosa");
        Api rosa = joinByMail(email, "member");
        Api rosaElsewhere = stack.api().from("127.0.0.3");
        assertThat(rosaElsewhere.login(email, TestStack.GUEST_PASSWORD).status()).isEqualTo(200);

        Api stranger = stack.api().from("127.0.0.4");
        Api.Response forKnown = stranger.post("/api/auth/password-reset/request", Api.json(Map.of("email", email)));
        Api.Response forUnknown = stranger.post("/api/auth/password-reset/request",
                Api.json(Map.of("email", unique("nobody"))));
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).as("the same answer whether or not the account exists").isEqualTo(forKnown.body());

        TestMailbox.Mail reset = mailbox.await(email, 2).getLast();
        assertThat(reset.subject()).isEqualTo("Reset your Adaptive Startup password");
        assertThat(reset.link()).startsWith(ADDRESS + "#/reset/");
        assertThat(reset.text()).contains("It works once, for 1 hour.");

        Api.Response tooShort = stranger.post("/api/auth/password-reset", Api.json(Map.of("token", reset.token(),
                "newPassword", "short")));
        assertThat(tooShort.status()).isEqualTo(400);
        Api.Response done = stranger.post("/api/auth/password-reset", Api.json(Map.of("token", reset.token(),
                "newPassword", "rosa-new-password-1")));
        assertThat(done.status()).as(done.body()).isEqualTo(204);

        assertThat(rosa.get("/api/auth/me").status()).as("every old session ended").isEqualTo(401);
        assertThat(rosaElsewhere.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(stack.api().login(email, TestStack.GUEST_PASSWORD).status()).isEqualTo(401);
        assertThat(stack.api().login(email, "rosa-new-password-1").status()).isEqualTo(200);
        Api.Response again = stranger.post("/api/auth/password-reset", Api.json(Map.of("token", reset.token(),
                "newPassword", "rosa-newer-password-2")));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.message()).contains("expired or was already used");

        TestMailbox.Mail changed = mailbox.await(email, 3).getLast();
        assertThat(changed.subject()).isEqualTo("Your Adaptive Startup password was changed");
        assertThat(changed.text()).contains("reset with a link sent by mail");
    }

    @Test
    void aResetLinkEndsAfterAnHourAndOnlyTheNewestWorks() {
        String email = unique("olga");
        joinByMail(email, "viewer");
        Api client = stack.api().from("127.0.0.5");
        client.post("/api/auth/password-reset/request", Api.json(Map.of("email", email)));
        String first = mailbox.await(email, 2).getLast().token();
        client.post("/api/auth/password-reset/request", Api.json(Map.of("email", email)));
        String second = mailbox.await(email, 3).getLast().token();

        assertThat(client.post("/api/auth/password-reset", Api.json(Map.of("token", first,
                "newPassword", "olga-new-password-1"))).status()).as("an older link stops working").isEqualTo(410);
        clock.advance(Duration.ofMinutes(61));
        assertThat(client.post("/api/auth/password-reset", Api.json(Map.of("token", second,
                "newPassword", "olga-new-password-1"))).status()).isEqualTo(410);
    }

    @Test
    void oneAccountGetsAtMostThreeResetMailsAnHourAndOneAddressTenRequests() {
        String email = unique("max");
        joinByMail(email, "viewer");
        Api client = stack.api().from("127.0.0.6");
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/auth/password-reset/request", Api.json(Map.of("email", email))).status())
                    .isEqualTo(202);
        }
        mailbox.await(email, 4);   // the invitation and three resets
        sleep(1500);
        assertThat(mailbox.received(email)).hasSize(4);
        for (int i = 5; i < 10; i++) {
            client.post("/api/auth/password-reset/request", Api.json(Map.of("email", unique("x"))));
        }
        Api.Response refused = client.post("/api/auth/password-reset/request", Api.json(Map.of("email", email)));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.message()).contains("wait 15 minutes");
    }

    @Test
    void anAdminResetsAMembersPasswordByMailOrWithAOneTimePasswordAndSignsThemOut() {
        String email = unique("tom");
        Api tom = joinByMail(email, "member");
        String tomId = tom.get("/api/auth/me").json().get("id").asText();

        Api.Response oneTime = founder.post("/api/orgs/" + org + "/members/" + tomId + "/password-reset",
                Api.json(Map.of("byMail", false)));
        assertThat(oneTime.status()).as(oneTime.body()).isEqualTo(200);
        String password = oneTime.json().get("oneTimePassword").asText();
        assertThat(password).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
        assertThat(oneTime.json().get("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(tom.get("/api/auth/me").status()).isEqualTo(401);
        Api tomAgain = stack.api();
        Api.Response login = tomAgain.login(email, password);
        assertThat(login.json().get("mustChangePassword").asBoolean()).as("a one-time password is replaced first").isTrue();
        assertThat(tomAgain.get("/api/orgs").status()).isEqualTo(403);
        assertThat(mailbox.await(email, 2).getLast().text()).contains("reset by an admin of your organization");

        Api.Response byMail = founder.post("/api/orgs/" + org + "/members/" + tomId + "/password-reset",
                Api.json(Map.of("byMail", true)));
        assertThat(byMail.json().get("method").asText()).isEqualTo("mail");
        assertThat(byMail.json().has("oneTimePassword") && !byMail.json().get("oneTimePassword").isNull()).isFalse();
        TestMailbox.Mail link = mailbox.await(email, 3).getLast();
        assertThat(link.text()).contains("An admin of your organization asked for a new password").contains("24 hours");
        assertThat(tomAgain.get("/api/auth/me").status()).isEqualTo(401);

        Api tomThird = stack.api();
        tomThird.login(email, password);
        Api.Response signOut = founder.post("/api/orgs/" + org + "/members/" + tomId + "/sign-out", "{}");
        assertThat(signOut.json().get("ended").asInt()).isEqualTo(1);
        assertThat(tomThird.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void anAdminCannotResetAFounderNorSomeoneFromAnotherOrganizationTheyDoNotRun() {
        String adminEmail = unique("ada");
        Api ada = joinByMail(adminEmail, "admin");
        ada.changePassword(TestStack.GUEST_PASSWORD, "ada-password-456");
        String founderId = founder.get("/api/auth/me").json().get("id").asText();
        Api.Response onFounder = ada.post("/api/orgs/" + org + "/members/" + founderId + "/password-reset",
                Api.json(Map.of("byMail", false)));
        assertThat(onFounder.status()).isEqualTo(403);
        assertThat(onFounder.message()).isEqualTo("only a founder can reset the password of a founder");

        // someone ada administers here, who also belongs to an organization of their own
        String email = unique("bo");
        Api bo = joinByMail(email, "member");
        bo.post("/api/orgs", Api.json(Map.of("name", "Bo's side project")));
        String boId = bo.get("/api/auth/me").json().get("id").asText();
        Api.Response onBo = ada.post("/api/orgs/" + org + "/members/" + boId + "/password-reset", Api.json(Map.of("byMail", false)));
        assertThat(onBo.status()).isEqualTo(403);
        assertThat(onBo.message()).contains("also belongs to an organization you do not administer")
                .contains("adaptivectl admin reset-password --email " + email);
        assertThat(bo.get("/api/auth/me").status()).as("nothing changed").isEqualTo(200);

        Api.Response self = ada.post("/api/orgs/" + org + "/members/" + ada.get("/api/auth/me").json().get("id").asText()
                + "/password-reset", Api.json(Map.of("byMail", false)));
        assertThat(self.status()).isEqualTo(400);
        Api.Response byMember = bo.post("/api/orgs/" + org + "/members/" + founderId + "/sign-out", "{}");
        assertThat(byMember.status()).isEqualTo(403);
    }

    @Test
    void theProfileRenamesListsAndEndsSessionsAndChangesTheAddressOnceConfirmedByMail() {
        String email = unique("kim");
        Api kim = joinByMail(email, "member");
        Api kimPhone = stack.api().from("127.0.0.7");
        kimPhone.login(email, TestStack.GUEST_PASSWORD);

        assertThat(kim.patch("/api/auth/me", Api.json(Map.of("name", "Kim Lee"))).json().get("name").asText())
                .isEqualTo("Kim Lee");
        Api.Response sessions = kim.get("/api/auth/sessions");
        assertThat(sessions.json()).hasSize(2);
        assertThat(sessions.json().findValuesAsText("client")).contains("127.0.0.7");
        assertThat(sessions.json().findValuesAsText("browser")).containsOnly("a Java program");
        assertThat(sessions.json().findValues("current").stream().filter(n -> n.asBoolean()).count()).isEqualTo(1);
        Api.Response others = kim.delete("/api/auth/sessions");
        assertThat(others.json().get("ended").asInt()).isEqualTo(1);
        assertThat(kimPhone.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(kim.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(kim.delete("/api/auth/sessions/" + "0".repeat(64)).status()).isEqualTo(404);

        String newEmail = unique("kim.lee");
        Api.Response wrongPassword = kim.post("/api/auth/email", Api.json(Map.of("email", newEmail, "password", "nope-nope-nope")));
        assertThat(wrongPassword.status()).isEqualTo(401);
        Api.Response taken = kim.post("/api/auth/email", Api.json(Map.of("email", TestStack.ADMIN_EMAIL,
                "password", TestStack.GUEST_PASSWORD)));
        assertThat(taken.status()).isEqualTo(409);
        Api.Response change = kim.post("/api/auth/email", Api.json(Map.of("email", newEmail, "password", TestStack.GUEST_PASSWORD)));
        assertThat(change.json().get("pending").asBoolean()).isTrue();
        assertThat(stack.api().login(email, TestStack.GUEST_PASSWORD).status()).as("the old address until confirmed")
                .isEqualTo(200);
        TestMailbox.Mail confirm = mailbox.await(newEmail, 1).getLast();
        assertThat(confirm.link()).startsWith(ADDRESS + "#/confirm-email/");
        Api.Response confirmed = stack.api().post("/api/auth/email/confirm", Api.json(Map.of("token", confirm.token())));
        assertThat(confirmed.json().get("email").asText()).isEqualTo(newEmail);
        assertThat(kim.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(stack.api().login(email, TestStack.GUEST_PASSWORD).status()).isEqualTo(401);
        assertThat(stack.api().login(newEmail, TestStack.GUEST_PASSWORD).status()).isEqualTo(200);
        assertThat(mailbox.await(email, 2).getLast().subject()).isEqualTo("Your Adaptive Startup sign-in address was changed");
    }

    @Test
    void adminsWhoAskedGetTheInstallationsNoticesOnceADayAndMembersCannotAsk() {
        String email = unique("mia");
        Api mia = joinByMail(email, "member");
        assertThat(mia.get("/api/auth/notices").json().get("offered").asBoolean()).isFalse();
        assertThat(mia.put("/api/auth/notices", Api.json(Map.of("installation", true))).status()).isEqualTo(403);
        Api.Response on = founder.put("/api/auth/notices", Api.json(Map.of("installation", true)));
        assertThat(on.json().get("installation").asBoolean()).isTrue();

        var outbox = new com.adaptivestartup.server.mail.Outbox(stack.sql, clock, true);
        var notice = com.adaptivestartup.server.mail.Letters.installationNotice("a scheduled backup failed",
                "The backup of 02:00 failed: the backup folder is full.", ADDRESS);
        assertThat(outbox.noticeToAdmins("backup", notice)).isEqualTo(1);
        assertThat(outbox.noticeToAdmins("backup", notice)).as("the same notice once a day").isZero();
        TestMailbox.Mail mail = mailbox.await(TestStack.ADMIN_EMAIL, 1).getLast();
        assertThat(mail.subject()).isEqualTo("Adaptive Startup: a scheduled backup failed");
        assertThat(mail.text()).contains("the backup folder is full").contains("turn them off there");
        assertThat(mailbox.received(email)).hasSize(1);   // only the invitation
        founder.put("/api/auth/notices", Api.json(Map.of("installation", false)));
    }

    @Test
    void mailWaitsInTheOutboxWhileTheMailServerIsDownWithItsErrorForTheAdmins() {
        int closed = TestMailbox.freePort();
        try (TestStack down = new TestStack(Release.of("1.2.0"), TestStack.noAi(), new ServerConfig.Http(0, 1024 * 1024, 12, 30,
                "", new PublicUrl(URI.create(ADDRESS))), clock, new ServerConfig.Mail("127.0.0.1", closed,
                ServerConfig.Mail.Security.NONE, null, null, "adaptive@acme.example"))) {
            Api admin = down.founder();
            String email = unique("wait");
            Api.Response invited = admin.post("/api/orgs/" + down.adminOrgId + "/invitations",
                    Api.json(Map.of("email", email, "role", "member")));
            assertThat(invited.json().get("mailed").asBoolean()).as("queued").isTrue();
            assertThat(invited.json().get("link").asText()).as("and copyable all the same").startsWith(ADDRESS);
            List<String> errors = List.of();
            for (int i = 0; i < 100 && errors.isEmpty(); i++) {
                sleep(100);
                errors = admin.get("/api/orgs/" + down.adminOrgId + "/mail").json().get("mail").findValuesAsText("lastError")
                        .stream().filter(e -> !e.isEmpty() && !e.equals("null")).toList();
            }
            assertThat(errors).containsExactly("nothing answers at 127.0.0.1:" + closed
                    + " (is the mail server running, and is that its port?)");
            Api.Response entry = admin.get("/api/orgs/" + down.adminOrgId + "/mail");
            assertThat(entry.json().get("mail").get(0).get("status").asText()).isEqualTo("waiting");
            assertThat(entry.json().get("mail").get(0).get("attempts").asInt()).isEqualTo(1);
            assertThat(down.sql.one("SELECT next_attempt_at FROM mail_outbox", r -> com.adaptivestartup.server.db.Sql.instant(r, 1)))
                    .as("retried after 30 s").hasValueSatisfying(next -> assertThat(next)
                            .isAfter(java.time.Instant.now().plusSeconds(20)));
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
