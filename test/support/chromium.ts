// Debian's Chromium for browser tests: installed with apt-get when absent (the machines run as root and
// reach Debian's packages); never a browser downloaded by the test tool.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['PERSPECTIEF_CHROMIUM'] ?? '/usr/bin/chromium';

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'], { stdio: 'inherit', env, timeout: 600_000 });
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env,
      timeout: 900_000,
    });
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM} and could not be installed; run "apt-get install -y chromium" as root, or set PERSPECTIEF_CHROMIUM`,
    );
  }
  return CHROMIUM;
}

/**
 * The fonts Chromium may use in tests and benchmarks: DejaVu and Liberation only (fonts-dejavu-core,
 * fonts-liberation), never whatever else the machine has. A machine with fonts-noto-core would otherwise
 * draw Arabic and Tigrinya with its own Noto (local() in the pages' @font-face) and fetch no served font,
 * and the tests would measure the machine instead of what a phone without the fonts goes through.
 */
export const TEST_FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation'];

function testFontConfig(): string {
  const missing = TEST_FONT_DIRS.filter((d) => !existsSync(d));
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} missing: run "apt-get install -y fonts-dejavu-core fonts-liberation" as root`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-fonts-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n${TEST_FONT_DIRS.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    env: { ...process.env, FONTCONFIG_FILE: testFontConfig() },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
