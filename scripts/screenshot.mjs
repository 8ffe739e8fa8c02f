// Screenshots pages of a running server in Chromium: node scripts/screenshot.mjs <base> <outdir> <path>... [--mobile] [--cookie name=value]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const mobile = args.includes('--mobile');
const cookieArg = args.indexOf('--cookie');
const cookie = cookieArg >= 0 ? args[cookieArg + 1] : null;
const [base, outdir, ...paths] = args.filter((a, i) => !a.startsWith('--') && (cookieArg < 0 || i !== cookieArg + 1));
fs.mkdirSync(outdir, { recursive: true });
const dir = fs.mkdtempSync('/tmp/kafiil-shot-');
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: mobile ? { width: 360, height: 780 } : { width: 1280, height: 860 },
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
if (cookie) {
  const [name, value] = cookie.split('=');
  await ctx.addCookies([{ name, value, url: base }]);
}
const page = ctx.pages()[0] ?? (await ctx.newPage());
for (const p of paths) {
  await page.goto(base + p, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const file = path.join(outdir, `${(p.replace(/[^a-z0-9]+/gi, '_') || 'root') + (mobile ? '_m' : '')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await ctx.close();
fs.rmSync(dir, { recursive: true, force: true });
