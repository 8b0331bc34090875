// The Brain's staff page in a real browser (Debian's chromium through playwright-core, as the web app's tests drive
// it), under the page's own Content-Security-Policy: a wrong key is refused in words, the staff member signs in, the
// customers and the notices show as tables, signing out shows the sign-in again. A screenshot of the customers view.
//   node images/test/brain-staff-page.mjs BRAIN_URL EMAIL KEY SCREENSHOT EXPECTED_EMAIL
import { launch } from '../../server-bundle/web/e2e/browser.mjs';

const [url, email, key, screenshot, expected] = process.argv.slice(2);
const browser = await launch();
const fail = (what) => { throw new Error(what); };
try {
  const page = await browser.newPage();
  const blocked = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
  await page.goto(`${url}/staff`);
  await page.fill('#email', email);
  await page.fill('#key', 'not-the-key');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#signin-error').textContent.length > 0);
  const refused = await page.textContent('#signin-error');
  if (!refused.includes('do not match')) fail(`a wrong key said: ${refused}`);
  await page.fill('#key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('#rows tr td');
  const customers = await page.textContent('#rows');
  if (!customers.includes(expected)) fail(`the customers view does not show ${expected}: ${customers}`);
  if (await page.isVisible('#signin')) fail('the sign-in form is still shown once signed in');
  if (await page.isVisible('#signout') === false) fail('no way to sign out once signed in');
  const who = await page.textContent('#who');
  if (who.trim() !== email) fail(`signed in as "${who}", not ${email}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.click('nav button[data-view="notices"]');
  await page.waitForFunction(() => document.querySelector('nav button[data-view="notices"]').getAttribute('aria-pressed') === 'true');
  await page.click('#signout');
  await page.waitForSelector('#signin', { state: 'visible' });
  if (await page.isVisible('#view')) fail('the tables are still shown once signed out');
  const cookies = await page.context().cookies();
  if (cookies.some((c) => c.name === 'brain_staff' && !c.httpOnly)) fail('the session cookie is readable by scripts');
  if (blocked.length) fail(`the page's own policy blocked: ${blocked.join('; ')}`);
  console.log('the staff page in chromium: a wrong key refused, signed in, customers and notices shown, signed out');
} finally {
  await browser.close();
}
