// The sandbox's web chat in a real browser against the packaged jar: the conversation the README shows, from
// /status to a prod deployment approved with the request's button, and the channel's daily summary.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jar = process.env.PROMOBOT_JAR ? resolve(process.env.PROMOBOT_JAR)
  : resolve(here, '../target/quarkus-app/quarkus-run.jar');
// Set SCREENSHOT (e.g. ../docs/sandbox.png, the README's picture) to keep a picture of the finished flow.
const screenshot = process.env.SCREENSHOT ? resolve(process.env.SCREENSHOT) : null;
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const inCi = process.env.CI === 'true';

const TEAM = '-1001000000001';
const CHANNEL = '-1001000000002';
const DANA = '111111';
const ARI = '222222';
const STEP_TIMEOUT = 60_000;

async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return null;
  }
}

const chromium = await loadPlaywright();
const missing = !chromium ? 'playwright-core is not installed (run npm ci in browser-test/)'
  : !existsSync(chromiumPath) ? `no Chromium at ${chromiumPath} (install chromium or set CHROMIUM)`
    : null;
if (missing && inCi) {
  throw new Error(`The browser test must run in CI, but ${missing}.`);
}
const skip = missing ?? false;

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function freePorts(count) {
  const ports = new Set();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}

describe('sandbox web chat', { skip, timeout: 240_000 }, () => {
  let workDir;
  let logFile;
  let promobot;
  let exited = null;
  let browser;
  let page;
  let baseUrl;
  const pageErrors = [];

  const logTail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const stopPromobot = () => {
    if (promobot && exited === null) {
      promobot.kill('SIGKILL');
    }
  };

  async function waitForSandbox(deadline) {
    while (Date.now() < deadline) {
      if (exited !== null) {
        throw new Error(`promobot exited with ${exited} before the sandbox answered:\n${logTail()}`);
      }
      try {
        const response = await fetch(`${baseUrl}/sandbox/api/setup`, { signal: AbortSignal.timeout(5_000) });
        if (response.status === 200) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise(wait => setTimeout(wait, 250));
    }
    throw new Error(`the sandbox did not answer GET /sandbox/api/setup within 90 s:\n${logTail()}`);
  }

  before(async () => {
    assert.ok(existsSync(jar), `no promobot jar at ${jar}; build it with mvn -B package -DskipTests, or set PROMOBOT_JAR`);
    const [http, telegram, aws, github] = await freePorts(4);
    baseUrl = `http://127.0.0.1:${http}`;
    // A fresh working directory gives a fresh sandbox database under ./data.
    workDir = mkdtempSync(join(tmpdir(), 'promobot-sandbox-'));
    logFile = join(workDir, 'promobot.log');
    const log = createWriteStream(logFile);
    promobot = spawn('java', ['-Dquarkus.profile=sandbox', `-Dquarkus.http.port=${http}`,
      `-Dpromobot.sandbox.telegram-port=${telegram}`, `-Dpromobot.sandbox.aws-port=${aws}`,
      `-Dpromobot.sandbox.github-port=${github}`, '-jar', jar],
    { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    promobot.stdout.pipe(log);
    promobot.stderr.pipe(log);
    promobot.on('exit', code => { exited = code ?? 'a signal'; });
    process.once('exit', stopPromobot);
    await waitForSandbox(Date.now() + 90_000);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync']
    });
    page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB', timezoneId: 'UTC' });
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', error => pageErrors.push(error.message));
    // A callback answer is 404 until the bot has answered, so failed loads are expected; script errors are not.
    page.on('console', message => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
    await page.goto(baseUrl);
    await page.locator('#person option').first().waitFor({ state: 'attached' });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (promobot && exited === null) {
      const gone = new Promise(done => promobot.once('exit', done));
      promobot.kill('SIGTERM');
      const timer = setTimeout(() => promobot.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    process.removeListener('exit', stopPromobot);
    if (workDir) {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  const message = id => page.locator(`.message[data-message-id="${id}"]`);

  // Sends as the selected person with Enter, and returns the id of the message once the page shows it.
  async function send(text) {
    const newest = () => Math.max(0, ...[...document.querySelectorAll('.message')].map(m => +m.dataset.messageId));
    const before = await page.evaluate(newest);
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
    const shown = await page.waitForFunction(([after, sent]) => [...document.querySelectorAll('.message.mine')]
      .find(m => +m.dataset.messageId > after && m.querySelector('.text').textContent === sent)?.dataset.messageId,
    [before, text]);
    return Number(await shown.jsonValue());
  }

  // The bot answers a command with a message replying to it.
  async function answerTo(commandId) {
    const answer = page.locator(`.message.bot:has(.quote[data-reply-to="${commandId}"])`).first();
    await answer.waitFor();
    return Number(await answer.getAttribute('data-message-id'));
  }

  it('shows one line per service when Dana asks for /status in the team chat', async () => {
    await page.selectOption('#person', DANA);
    await page.selectOption('#chat', TEAM);
    const status = await answerTo(await send('/status'));
    for (const service of ['report-worker', 'telegram-api']) {
      await message(status).locator('.text b', { hasText: new RegExp(`^${service}$`) }).waitFor();
    }
  });

  it('shows what each environment of a service runs for /status telegram-api', async () => {
    const status = await answerTo(await send('/status telegram-api'));
    for (const environment of ['dev', 'staging', 'prod']) {
      await message(status).locator('.text b', { hasText: new RegExp(`^${environment}$`) }).waitFor();
    }
  });

  it('edits the progress message to the outcome of /promote telegram-api staging', async () => {
    const progress = await answerTo(await send('/promote telegram-api staging'));
    await message(progress).locator('.edited').waitFor();
    await message(progress).locator('.text', { hasText: /^✅ telegram-api staging now runs sha-/ }).waitFor();
  });

  let request;

  it('opens a prod request with Approve and Reject buttons for /promote telegram-api prod v1.2.3', async () => {
    request = await answerTo(await send('/promote telegram-api prod v1.2.3'));
    await message(request).locator('.text', { hasText: /Promotion request #\d+ · telegram-api prod/ }).waitFor();
    // The GitHub stand-in holds the seeded images' history, so the request lists what prod would get.
    await message(request).locator('.text', { hasText: /📝 \d+ commits from / }).waitFor();
    await message(request).locator('.buttons button', { hasText: 'Approve' }).waitFor();
    await message(request).locator('.buttons button', { hasText: 'Reject' }).waitFor();
  });

  it('deploys to prod when Ari presses Approve, and the request says so', async () => {
    assert.ok(request, 'no promotion request was opened');
    await page.selectOption('#person', ARI);
    await message(request).locator('.buttons button', { hasText: 'Approve' }).click();
    await message(request).locator('.text', { hasText: '✅ deployed' }).waitFor();
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      // The callback toast fades on its own clock; hidden, the picture is the same on every run.
      await page.screenshot({ path: screenshot, style: '#toast { display: none; }' });
    }
    assert.deepEqual(pageErrors, [], 'the page logged errors');
  });

  it('shows a daily summary in the channel with a section per service', async () => {
    await page.selectOption('#chat', CHANNEL);
    const summary = page.locator('.message.bot .text', { hasText: /^Daily summary/ }).first();
    await summary.waitFor();
    for (const service of ['telegram-api', 'report-worker']) {
      await summary.locator('b', { hasText: `▸ ${service}` }).waitFor();
    }
    assert.deepEqual(pageErrors, [], 'the page logged errors');
  });
});
