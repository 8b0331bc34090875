// A test file's steps as one story: each step builds on the ones before, so once one fails the rest are skipped
// (not failed again for the same cause), and every page the story has open is photographed at the failure.
import { join } from 'node:path';
import { test } from 'node:test';

/** A `step(name, fn)` for one story; {@code pages()} names the pages open now, photographed when a step fails. */
export function story(shots, pages) {
  let failed = false;
  return function step(name, fn) {
    test(name, async (t) => {
      if (failed) { t.skip('an earlier step failed'); return; }
      try {
        await fn();
      } catch (e) {
        failed = true;
        for (const [who, page] of Object.entries(pages())) {
          await page?.screenshot({ path: join(shots, `failure-${who}.png`) }).catch(() => undefined);
        }
        throw e;
      }
    });
  };
}
