// Launches the system's Chromium through playwright-core and records what a test must not see:
// console errors, uncaught exceptions and JavaScript dialogs.
import { chromium } from "playwright-core";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ARGS,
  });
}

/** A fresh page whose problems are collected in `problems.errors` and `problems.dialogs`. */
export async function watchedPage(browser, viewport = { width: 1280, height: 860 }, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = { errors: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.errors.push(`uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, problems };
}
