// The mailbox the end-to-end tests read: a real SMTP server (GreenMail's standalone jar, started by e2e/run.sh)
// that the stack sends to, read over GreenMail's REST API as a person would read their mail.
const API = process.env.MAILBOX_API;

export const mailboxReady = Boolean(API);

/** The mails {@code address} has received, oldest first: subject, plain text, and the first link to the app. */
export async function mailsTo(address) {
  const response = await fetch(`${API}/api/user/${encodeURIComponent(address)}/messages/`);
  if (response.status === 404 || response.status === 400) return [];
  if (!response.ok) throw new Error(`the mailbox answered ${response.status}`);
  return (await response.json()).map((m) => read(m.mimeMessage, m.subject));
}

/** Waits until {@code address} has {@code count} mails; returns the newest. */
export async function waitForMail(address, count = 1, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails[mails.length - 1];
    if (Date.now() > end) throw new Error(`${address} received ${mails.length} mails in ${timeoutMs / 1000} s, not ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function read(mime, subject) {
  // The text part comes first; quoted-printable is undone (soft line breaks, =XX) so links read whole.
  const decoded = quotedPrintable(mime);
  const html = decoded.slice(decoded.indexOf('<!doctype html>'), decoded.indexOf('</html>') + 7);
  const link = decoded.match(/https?:\/\/[^\s"<>]+#\/[^\s"<>]+/)?.[0] ?? null;
  return { subject, link, html: html.length > 7 ? html : null, text: decoded };
}

/** Quoted-printable undone into UTF-8 text: soft line breaks joined, each =XX a byte. */
function quotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
