// The browser the end-to-end tests drive: Debian's chromium, headless, through playwright-core (no browser
// download). CHROMIUM overrides the binary.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome'].filter(Boolean);

export async function launch() {
  const executablePath = CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error('no chromium found (apt-get install chromium, or set CHROMIUM)');
  // A test identity provider over plain HTTP on the Docker network's gateway is treated as the secure origin it
  // stands in for, so its sign-in cookies are kept (BROWSER_SECURE_ORIGINS, set by run.sh).
  const secure = process.env.BROWSER_SECURE_ORIGINS;
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage',
    ...(secure ? [`--unsafely-treat-insecure-origin-as-secure=${secure}`] : [])] });
}
