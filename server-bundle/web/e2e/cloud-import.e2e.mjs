// Moving from the cloud, against the stack e2e/run.sh installed: a Convex export of Adaptive Startup Cloud (the
// server's generator: 3 organizations, 10 people, 20 ventures, 200 files of which one is 100 MB) is tried with a
// dry run, imported with `adaptivectl import convex` (a backup first), counted against the generator's truth; a
// founder brought from the cloud reads the mailed link, chooses a password and sees their ventures, canvas, goals
// and files in the browser; a newer export of the same deployment updates, adds and reports what was deleted.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { launch } from './browser.mjs';
import { waitForMail } from './mailbox.mjs';
import { story } from './story.mjs';

const run = promisify(execFile);
const BASE = required('ADAPTIVE_URL');
const CTL = required('ADAPTIVECTL');
const PROJECT = required('PROJECT');
const EXPORT = required('CLOUD_EXPORT');
const NEWER = required('CLOUD_EXPORT_NEWER');
const truth = JSON.parse(readFileSync(required('CLOUD_TRUTH'), 'utf8'));
const SHOTS = process.env.SCREENSHOTS ?? 'target/screenshots';
const PASSWORD = 'brought-from-the-cloud-2026';
const WAVE_1 = ['projects', 'canvases', 'canvas_versions', 'interviews', 'video_interviews', 'goals', 'key_results',
  'features', 'divisions', 'initiatives', 'initiative_comments', 'market_data', 'competitors', 'revenue_streams', 'costs',
  'revenue_versions', 'documents', 'folders', 'files', 'calendar_events', 'notifications', 'activity_log'];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run e2e/run.sh)`);
  return value;
}

let browser, founder;
const step = story(SHOTS, () => ({ 'cloud-founder': founder }));
const tab = (name) => founder.getByRole('navigation', { name: 'Venture pages' }).getByRole('link', { name, exact: true }).click();

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
after(async () => browser?.close());

/** `adaptivectl import convex ... --json`: the report, with the time it took. */
async function importConvex(file, ...options) {
  const started = Date.now();
  const { stdout } = await run(CTL, ['import', 'convex', file, '--project', PROJECT, '--json', ...options],
    { maxBuffer: 64 << 20, timeout: 15 * 60_000 });
  return { report: JSON.parse(stdout), seconds: (Date.now() - started) / 1000 };
}

step('a dry run of the cloud export tells what it would bring and keeps nothing', async () => {
  const { report, seconds } = await importConvex(EXPORT, '--dry-run');
  assert.equal(report.dryRun, true);
  assert.equal(report.verification.ok, true);
  for (const table of WAVE_1) assert.equal(report.tables[table].read, truth.tables[table], table);
  assert.equal(report.backup, undefined, 'a dry run takes no backup');
  const { stdout } = await run(CTL, ['import', 'history', '--project', PROJECT, '--json']);
  assert.equal(JSON.parse(stdout).length, 1, 'the dry run\'s report is kept');
  console.log(`cloud import: dry run of ${(report.exportBytes / 2 ** 20).toFixed(0)} MB in ${seconds.toFixed(1)} s`);
});

step('the export is imported after a backup, every wave-1 table counted against the generator, and verified', async () => {
  const { report, seconds } = await importConvex(EXPORT);
  assert.equal(report.dryRun, false);
  assert.ok(report.backup, 'a backup was taken before the import');
  assert.equal(report.verification.ok, true);
  assert.equal(report.verification.records, report.verification.matching);
  assert.equal(report.verification.unresolved ?? 0, 0);
  for (const table of WAVE_1) {
    assert.equal(report.tables[table].created, truth.tables[table], `${table}: ${JSON.stringify(report.tables[table])}`);
  }
  assert.equal(report.tables['projects.milestones'].created, truth.milestones);
  assert.equal(report.accounts.created, 10);
  assert.equal(report.accounts.invitedByMail, 10, 'this stack sends mail: the links go by mail');
  assert.equal(report.invitations.length, 0);
  assert.equal(report.archivedOnly.deck_slides, truth.tables.deck_slides);
  assert.equal(report.archivedOnly['_components/workflow/workflows'], 1);
  assert.equal(report.files.notReferenced, 1);
  assert.equal(report.files.bytes > truth.bigFileBytes, true);
  console.log(`cloud import: ${report.tables.projects.created} ventures, ${report.files.imported} files`
    + ` (${(report.files.bytes / 2 ** 20).toFixed(0)} MB) imported and verified in ${seconds.toFixed(1)} s (backup included)`);
});

step('a founder brought from the cloud chooses a password from the mail and finds their ventures, canvas, goals and files', async () => {
  const mail = await waitForMail(truth.founderEmail, 1, 60_000);
  assert.equal(mail.subject, 'Choose your password for Adaptive Startup');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  founder = await context.newPage();
  await founder.goto(mail.link);
  await founder.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await founder.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await founder.getByLabel('New password again').fill(PASSWORD);
  await founder.getByRole('button', { name: 'Save the new password' }).click();
  await founder.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();
  await founder.goto(BASE);
  await founder.getByLabel('Email', { exact: true }).fill(truth.founderEmail);
  await founder.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await founder.getByRole('button', { name: 'Sign in' }).click();
  await founder.getByRole('heading', { name: 'Ventures' }).waitFor();
  const ventures = founder.getByRole('link', { name: /^Venture \d+ — Café Ünïcode 🚀$/ });
  await ventures.first().waitFor();
  assert.equal(await ventures.count(), truth.founderVentures);
  await founder.screenshot({ path: join(SHOTS, 'web-imported-ventures.png') });

  await founder.getByRole('link', { name: truth.founderVenture, exact: true }).click();
  await tab('Canvas');
  await founder.getByLabel('Customer segments').waitFor();
  assert.equal(await founder.getByLabel('Customer segments').inputValue(), truth.canvasSegments);
  await tab('Goals');
  await founder.getByRole('article', { name: truth.goal }).waitFor();
  await founder.screenshot({ path: join(SHOTS, 'web-imported-goals.png') });
  await tab('Files');
  await founder.getByRole('row').filter({ hasText: truth.bigFile }).waitFor();
  await founder.screenshot({ path: join(SHOTS, 'web-imported-files.png') });
});

step('a newer export of the same deployment updates what changed, adds what is new, and reports what was deleted', async () => {
  const { report } = await importConvex(NEWER);
  assert.equal(report.verification.ok, true);
  assert.equal(report.tables.goals.updated, 3);
  assert.equal(report.tables.goals.created, 2);
  assert.equal(report.tables.features.deletedInCloud, 2);
  assert.equal(report.tables.features.removed ?? 0, 0, 'removed only when asked');
  assert.equal(report.tables.files.deletedInCloud, 1);
  assert.equal(report.files.imported, 1, 'only the new version of a file travels again');
  assert.equal(report.accounts.created ?? 0, 0);
  await founder.reload();
  await tab('Goals');
  await founder.getByRole('article', { name: truth.newer.editedGoalTitle }).waitFor();

  const removing = (await importConvex(NEWER, '--remove-deleted')).report;
  assert.equal(removing.tables.features.removed, 2);
  assert.equal(removing.tables.files.removed, 1);
  const { stdout } = await run(CTL, ['import', 'history', '--project', PROJECT, '--json']);
  assert.equal(JSON.parse(stdout).length, 4);
});
