// The merchant's outcomes dashboard (/admin/) on the demo shop with its simulated history, end
// to end in real Chromium: signing in with the token (and the demo's shortcut), the headline
// numbers and charts, choosing a period by keyboard, the hand-overs, and an accessibility audit.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./support/browser.mjs";
import { repoRoot, startDemo } from "./support/proxy.mjs";

const AXE = join(repoRoot, "node_modules/axe-core/axe.min.js");
const TOKEN = "wismo-demo-admin-token-public";

describe("the outcomes dashboard", { timeout: 240_000 }, () => {
  let demo;
  let browser;

  before(async () => {
    demo = await startDemo({ history: 120, timeoutMs: 120_000 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("asks for the token, refuses a wrong one and shows the numbers for the right one", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const first = await page.goto(`${demo.url}admin/`);
    assert.equal(first.status(), 401);
    const field = page.getByLabel("Admin token");
    await field.fill("not-the-token");
    await field.press("Enter");
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").innerText(), /not right/);
    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
    // The cookie is HttpOnly: the page's scripts cannot read it.
    assert.equal(await page.evaluate(() => document.cookie), "");
    // The 401s were the answers this test asked for; nothing else went wrong.
    assert.deepEqual(problems.errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });

  test("shows the history's headline numbers, charts and hand-overs, and changes period by keyboard", async (t) => {
    const { context, page, problems } = await watchedPage(browser);
    await page.goto(`${demo.url}demo/admin`);
    await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
    const tiles = page.getByRole("list", { name: "Headline numbers" }).getByRole("listitem");
    assert.equal(await tiles.count(), 8);
    const text = (await tiles.allInnerTexts()).join(" | ");
    for (const name of ["True resolution", "First-contact resolution", "Time to resolution", "Hand-over rate", "WISMO contacts per 100 orders", "Cost per conversation", "CSAT", "Notices sent"]) {
      assert.ok(text.includes(name), `${name} in ${text}`);
    }
    // The simulated weeks: contacts were answered and notices sent.
    assert.match(text, /True resolution\s*\d+(\.\d)?%/);
    assert.match(text, /Notices sent\s*[1-9]\d*/);
    t.diagnostic(text);
    // Charts have a name and a description, and their data is in a table too.
    const charts = page.getByRole("img");
    assert.ok((await charts.count()) >= 2);
    assert.equal(await charts.first().getAttribute("aria-labelledby"), "trend-t trend-d");
    assert.ok((await page.locator("svg rect").count()) > 5);
    await page.getByText("The trend as a table").click();
    assert.ok((await page.getByRole("table", { name: "By day" }).getByRole("row").count()) > 20);
    assert.ok((await page.getByRole("table", { name: "Proactive notices by trigger" }).getByRole("row").count()) > 1);
    // Who reached a person, and why: both tables are there (empty when nobody did).
    await page.getByRole("table", { name: "Hand-overs by reason" }).waitFor();
    await page.getByRole("table", { name: "The newest hand-overs" }).waitFor();

    // Choose the last 7 days with the keyboard alone.
    const period = page.getByLabel("Period", { exact: true });
    await period.focus();
    await period.selectOption("7");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/days=7/);
    assert.match(await page.locator("header .note").innerText(), /Contacts started/);
    await page.getByText("The trend as a table").click();
    const days = await page.getByRole("table", { name: "By day" }).getByRole("row").count();
    assert.ok(days >= 7 && days <= 9, `${days} rows`);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("serves the same report as JSON and metrics to the token only", async () => {
    const anon = await fetch(`${demo.url}admin/api/report`);
    assert.equal(anon.status, 401);
    const r = await fetch(`${demo.url}admin/api/report?days=49`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    const report = await r.json();
    assert.ok(report.kpis.contacts > 0, JSON.stringify(report.kpis));
    assert.ok(report.kpis.orders >= 120);
    const m = await fetch(`${demo.url}admin/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.match(await m.text(), /wismo_true_resolution_ratio\{period="30d"\} /);
  });

  test("passes an accessibility audit", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}demo/admin`);
    await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    });
    assert.deepEqual(violations, [], violations.join("\n"));
    await context.close();
  });
});
