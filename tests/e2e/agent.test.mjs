// The agent sidebar beside a mock ticket (/agent/), end to end: the real bridge
// (www/zendesk/assets/sidebar.js) on the demo's stand-in for Zendesk's ZAFClient, the real
// wasm sidebar, the real proxy. Real Chromium.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./support/browser.mjs";
import { repoRoot, startDemo } from "./support/proxy.mjs";

const AXE = join(repoRoot, "node_modules/axe-core/axe.min.js");

/** Opens the demo ticket for `email` and returns the sidebar's frame once it has drawn. */
async function openTicket(page, base, email) {
  await page.goto(`${base}agent/?email=${encodeURIComponent(email)}`);
  const frame = page.frameLocator("#sidebar");
  await frame.locator("#wismo-agent[data-rendered-ms]").waitFor({ timeout: 20_000 });
  return frame;
}

describe("the agent sidebar", { timeout: 180_000 }, () => {
  let demo;
  let browser;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("shows each customer's situation, its evidence and the raw scans", async (t) => {
    const { context, page, problems } = await watchedPage(browser);
    const marco = await openTicket(page, demo.url, "marco@example.com");
    const order = marco.getByTestId("wismo-agent-order").first();
    assert.match(await order.locator("h2").innerText(), /#1004/);
    assert.match(await marco.getByTestId("wismo-agent-sentence").first().innerText(), /on its way with UPS/);
    const facts = await order.locator(".facts li").allInnerTexts();
    assert.ok(facts.length > 0 && facts.every((f) => /ago\)$/.test(f)), facts.join(" | "));
    // Agents see the carrier's own codes and words.
    const raw = order.getByTestId("wismo-agent-raw").first();
    await raw.locator("summary").click();
    const scans = await raw.innerText();
    assert.match(scans, /ARRIVAL SCAN/);
    assert.match(scans, /I\/AR/);
    const ms = await marco.locator("#wismo-agent").getAttribute("data-rendered-ms");
    const report = `agent sidebar: first render ${ms} ms after the page started`;
    t.diagnostic(report);
    console.log(report);

    const chloe = await openTicket(page, demo.url, "chloe@example.com");
    assert.match(await chloe.getByTestId("wismo-agent-order").first().locator(".badge").innerText(), /No recent updates/);
    const kinds = await chloe.getByTestId("wismo-agent-action").evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.includes("reship") && kinds.includes("refund") && kinds.includes("open_claim"), kinds.join(","));
    // Her conversation already holds the e-mail the demo sent her when it started.
    assert.match(await chloe.locator(".conversation").innerText(), /email/);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("inserts the suggested reply into the ticket's reply box", async () => {
    const { context, page } = await watchedPage(browser);
    const frame = await openTicket(page, demo.url, "marco@example.com");
    const suggested = await frame.getByTestId("wismo-agent-reply").first().innerText();
    await frame.getByTestId("wismo-agent-insert").first().click();
    await page.waitForFunction(() => document.getElementById("reply").value.length > 0);
    assert.equal(await page.getByTestId("ticket-reply").inputValue(), suggested);
    await context.close();
  });

  test("an action above the limit runs only once approved, and a second click runs nothing", async () => {
    const { context, page, problems } = await watchedPage(browser);
    // Hannah's order #1011 is worth $228.00, above the demo policy's $200.00 for automatic actions.
    const ran = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/agent/zendesk/actions")) {
        ran.push({ status: r.status(), replayed: r.headers()["idempotent-replayed"] === "true" });
      }
    });
    const frame = await openTicket(page, demo.url, "hannah@example.com");
    const reship = frame.locator('[data-testid="wismo-agent-action"][data-kind="reship"]');
    const run = reship.getByTestId("wismo-agent-run");
    assert.match(await reship.innerText(), /\$228\.00/);
    assert.equal(await run.isDisabled(), true, "nothing runs before the agent approves");
    await reship.getByTestId("wismo-agent-approve").check();
    await run.dblclick();
    await reship.locator(".result.done").filter({ hasText: /^Done:/ }).waitFor({ timeout: 15_000 });
    assert.equal(await run.isDisabled(), true);
    await run.click({ force: true });
    // Executed once: every other answer (if a click got through) is a replay of the same key.
    const executed = ran.filter((r) => r.status === 200 && !r.replayed);
    assert.equal(executed.length, 1, JSON.stringify(ran));
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a hostile customer name or order text renders as text", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const name = '<img src=x onerror="window.__pwned=1">';
    const note = '<script>window.__pwned=2</script><b>bold?</b>';
    // What a shop could hold: markup in the customer's name and in what the order says.
    await page.route("**/agent/zendesk/customer*", async (route) => {
      const c = await (await route.fetch()).json();
      c.name = name;
      c.orders[0].sentence = note;
      c.orders[0].agent.suggested_reply = note;
      await route.fulfill({ json: c });
    });
    const frame = await openTicket(page, demo.url, "marco@example.com");
    assert.equal(await frame.locator("h1").innerText(), name);
    assert.equal(await frame.getByTestId("wismo-agent-sentence").first().innerText(), note);
    assert.equal(await frame.locator("#wismo-agent img, #wismo-agent b, #wismo-agent script").count(), 0);
    await frame.getByTestId("wismo-agent-insert").first().click();
    await page.waitForFunction(() => document.getElementById("reply").value.length > 0);
    assert.equal(await page.getByTestId("ticket-reply").inputValue(), note, "inserted as text");
    const sidebar = page.frames().find((f) => f.url().includes("frame.html"));
    assert.equal(await sidebar.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a requester wismo cannot look up gets a plain message", async () => {
    const { context, page, problems } = await watchedPage(browser);
    await page.goto(`${demo.url}agent/?email=${encodeURIComponent("not an e-mail")}`);
    const frame = page.frameLocator("#sidebar");
    await frame.locator("#wismo-agent p.status").waitFor({ timeout: 20_000 });
    assert.equal(await frame.getByTestId("wismo-agent-order").count(), 0);
    const unexpected = problems.errors.filter((e) => !/status of 400/.test(e));
    assert.deepEqual(unexpected, []);
    await context.close();
  });

  test("passes an accessibility audit", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}agent/frame.html?email=chloe%40example.com`);
    await page.locator("#wismo-agent[data-rendered-ms]").waitFor({ timeout: 20_000 });
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
