// The storefront room end to end: the branded tracking page with and without JavaScript (and
// its accessibility audit), a signed-in customer through the demo's app proxy stand-in, the chat
// on a phone, and the theme's `window.wismo` API. Real proxy, real wasm, real Chromium.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { launchBrowser, watchedPage } from "./support/browser.mjs";
import { ChatWidget } from "./support/pages.mjs";
import { repoRoot, startDemo } from "./support/proxy.mjs";

const CARRIER_JARGON = [/ARRIVAL SCAN/i, /DEPARTURE SCAN/i, /ORIGIN SCAN/i, /BILLING INFORMATION/i, /I\/AR\b/, /\bM\/MP\b/];
const AXE = join(repoRoot, "node_modules/axe-core/axe.min.js");
const SHOTS = join(repoRoot, "target/e2e");

/** axe-core's WCAG 2.2 A and AA rules on the page (or only `include`); returns the violations. */
async function audit(page, include) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (inc) => {
    const context = inc ? { include: [inc] } : document;
    const r = await window.axe.run(context, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }, include ?? null);
}

describe("the storefront room", { timeout: 180_000 }, () => {
  let demo;
  let browser;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test("the tracking page works without JavaScript: status, timeline, products or apology, deadline, chat", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(`${demo.url}demo/track/1004`);
    assert.match(page.url(), /\/t\/t1\.1004\./, "the demo link lands on a signed tracking link");
    const main = page.locator("#wismo-track");
    const text = await main.innerText();
    assert.match(text, /Order #1004/);
    assert.match(text, /on its way with UPS/);
    assert.match(text, /Expected delivery/);
    assert.match(text, /Columbus, OH/);
    for (const jargon of CARRIER_JARGON) assert.doesNotMatch(text, jargon, "no raw carrier text");
    assert.equal(await page.locator(".products").count(), 1, "products when all is well");
    assert.equal(await page.locator(".apology").count(), 0);

    // "Will it arrive by…?" is a plain GET form answered by the core on the server.
    await page.getByLabel("Will it arrive by…?").fill("2026-11-21");
    await page.getByRole("button", { name: "Check" }).click();
    await page.waitForURL(/by=2026-11-21/);
    assert.match(await page.locator("#wismo-deadline").innerText(), /Saturday 21 November/);

    // The chat posts back to the page and continues the stored conversation.
    await page.getByLabel("Your message").fill("when will it arrive?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.waitForURL(/#wismo-chat$/);
    const chat = await page.locator(".messages").innerText();
    assert.match(chat, /when will it arrive\?/);
    assert.match(chat, /Northwind Supply Co\./);

    // A stalled parcel: the apology and the code, never products.
    await page.goto(`${demo.url}demo/track/1009`);
    assert.equal(await page.locator(".apology").count(), 1);
    assert.match(await page.locator(".apology").innerText(), /SORRY15/);
    assert.equal(await page.locator(".products").count(), 0);
    const stalled = await main.innerText();
    for (const jargon of CARRIER_JARGON) assert.doesNotMatch(stalled, jargon);

    // A link that is not valid says so, and nothing else.
    const bad = await page.goto(`${demo.url}t/t1.1004.1800284400.forged`);
    assert.equal(bad.status(), 404);
    assert.match(await page.locator("main").innerText(), /not valid/);
    await context.close();
  });

  test("with JavaScript the page answers in place and passes an accessibility audit", async (t) => {
    // bypassCSP only lets the audit's script in; the page's own code runs under its policy.
    const { context, page, problems } = await watchedPage(browser, { width: 390, height: 844 }, { bypassCSP: true });
    const response = await page.goto(`${demo.url}demo/track/1011`);
    const html = await response.text();
    await page.locator('#wismo-track[data-enhanced="ready"]').waitFor({ timeout: 20_000 });
    const text = await page.locator("#wismo-track").innerText();
    assert.match(text, /Parcel 1 of 2/);
    assert.match(text, /Parcel 2 of 2/);

    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    await page.getByLabel("Will it arrive by…?").fill("2026-11-20");
    await page.getByRole("button", { name: "Check" }).click();
    await page.locator("#wismo-deadline").filter({ hasText: /20 November/ }).waitFor();
    // The conversation so far is there already (the demo e-mailed about the gloves).
    const earlier = await page.locator(".messages li").count();
    await page.getByLabel("Your message").fill("and the other package?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator(".messages li").nth(earlier + 1).waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), true, "answered without a reload");
    assert.match(await page.locator(".messages").innerText(), /and the other package\?/);

    const violations = await audit(page);
    assert.deepEqual(violations, [], violations.join("\n"));
    assert.deepEqual(problems.errors, []);

    // Weight and first paint, for the report.
    const fcp = await page.evaluate(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    );
    const size = (p) => statSync(join(repoRoot, "target/widget", p)).size;
    const gz = (p) => gzipSync(readFileSync(join(repoRoot, "target/widget", p)), { level: 9 }).length;
    const report =
      `tracking page: HTML ${html.length} B (${gzipSync(html, { level: 9 }).length} B gzip), ` +
      `wasm ${size("track/wismo_track_bg.wasm")} B (${gz("track/wismo_track_bg.wasm")} B gzip), ` +
      `JS ${size("track/wismo_track.js")} B (${gz("track/wismo_track.js")} B gzip), ` +
      `first contentful paint ${fcp === null ? "n/a" : Math.round(fcp)} ms`;
    t.diagnostic(report);
    console.log(report);
    await context.close();
  });

  test("new scans redraw the page in place, with nothing shifting", async () => {
    const { context, page, problems } = await watchedPage(browser, { width: 390, height: 844 });
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    // The carrier delivers while the shopper looks at the page.
    let delivered = false;
    await page.route("**/api/v1/track/**", async (route) => {
      const ctx = await (await route.fetch()).json();
      if (delivered) {
        const parcel = ctx.shipments[0];
        parcel.events.push({
          at: ctx.now,
          code: "D",
          description: "DELIVERED",
          place: "Columbus, OH",
          status: "delivered",
          location: "front_door",
        });
        parcel.checked_at = ctx.now;
      }
      await route.fulfill({ json: ctx });
    });
    await page.goto(`${demo.url}demo/track/1004`);
    await page.locator('#wismo-track[data-enhanced="ready"]').waitFor({ timeout: 20_000 });
    assert.match(await page.locator("#wismo-status").innerText(), /In transit/);
    await page.getByLabel("Your message").fill("half-typed");
    delivered = true;
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await page.locator("#wismo-status").filter({ hasText: /Delivered/ }).waitFor();
    assert.equal(await page.getByLabel("Your message").inputValue(), "half-typed", "what was typed stays");
    assert.match(await page.locator("#wismo-announce").innerText(), /latest scans/);
    assert.equal(await page.locator(".products").count(), 1);
    assert.equal(await page.evaluate(() => window.__shift), 0, "no layout shift");
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a delivered order's page shows products, never an apology", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.url}demo/track/1006`);
    assert.match(await page.locator("#wismo-status").innerText(), /Delivered/);
    assert.match(await page.locator(".status").innerText(), /front door/);
    assert.match(await page.locator(".products").innerText(), /Merino Wool Socks/);
    assert.equal(await page.locator(".apology").count(), 0);
    await context.close();
  });

  test("the page as the server sends it (no wasm) also passes the audit", async () => {
    // axe itself needs script, so the page's own wasm is kept out instead: what is audited is
    // exactly the markup a browser without JavaScript gets.
    const js = await browser.newContext({ bypassCSP: true });
    const p2 = await js.newPage();
    await p2.route("**/widget/track/**", (route) => route.abort());
    await p2.goto(`${demo.url}demo/track/1009`);
    const violations = await audit(p2);
    assert.deepEqual(violations, [], violations.join("\n"));
    await js.close();
  });

  test("a signed-in customer gets their order answered without typing, linked to its tracking page", async () => {
    const { context, page, problems } = await watchedPage(browser);
    await page.goto(`${demo.url}account.html?customer=7004`);
    const chat = new ChatWidget(page);
    await chat.open();
    await chat.orderCard.waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId("wismo-card-number").innerText(), /1004/);
    assert.match(await chat.lastReply(), /UPS/);
    const track = page.getByTestId("wismo-track-link");
    const href = await track.getAttribute("href");
    assert.match(href, /\/demo\/as\/7004\/apps\/wismo\/t\/t1\.1004\./, "through the app proxy");
    await track.click();
    await page.locator("#wismo-track").waitFor();
    assert.match(await page.locator("h1").innerText(), /1004/);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("with several orders on their way the chat asks which one", async () => {
    const { context, page } = await watchedPage(browser);
    // Marco has one open order in the demo; the storefront lists a second one here.
    await page.route("**/demo/as/7004/apps/wismo/orders*", async (route) => {
      const real = await (await route.fetch()).json();
      const mine = real.orders[0];
      const other = {
        ...mine,
        order_number: "1013",
        created_at: "2026-11-12T15:00:00Z",
        items: ["Alpine Hiking Boots"],
      };
      await route.fulfill({ json: { orders: [mine, other] } });
    });
    await page.goto(`${demo.url}account.html?customer=7004`);
    const chat = new ChatWidget(page);
    await chat.open();
    const question = chat.assistantMessages.filter({ hasText: /Which one/ });
    await question.waitFor({ timeout: 20_000 });
    const asked = await question.innerText();
    assert.match(asked, /Canvas Daypack ordered Monday 16 November/);
    assert.match(asked, /Alpine Hiking Boots ordered Thursday 12 November/);
    await chat.pick("Canvas Daypack");
    await chat.orderCard.waitFor({ timeout: 20_000 });
    assert.match(await chat.lastReply(), /UPS/);
    assert.match(await page.getByTestId("wismo-card-number").innerText(), /1004/);
    await context.close();
  });

  test("a guest can verify with the order number and the postcode", async () => {
    const { context, page } = await watchedPage(browser);
    await page.goto(`${demo.url}account.html?customer=guest`);
    const chat = new ChatWidget(page);
    await chat.open();
    const ask = await chat.send("where is my order");
    assert.match(ask, /postcode/);
    const answer = await chat.send("#1004, zip 43215");
    assert.match(answer, /UPS/);
    await context.close();
  });

  test("on a phone the open chat takes the whole screen and gives it back", async () => {
    const { context, page, problems } = await watchedPage(browser, { width: 390, height: 844 });
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(demo.url);
    const chat = new ChatWidget(page);
    await chat.open();
    const panel = await chat.dialog.boundingBox();
    assert.deepEqual(
      [panel.x, panel.y, Math.round(panel.width), Math.round(panel.height)],
      [0, 0, 390, 844],
      "the panel covers the viewport",
    );
    assert.equal(await chat.launcher.isVisible(), false, "the launcher hides while open");
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).overflow), "hidden");
    const answer = await chat.send("#1011 hannah@example.com");
    assert.match(answer, /Parcel 1, /);
    assert.match(answer, /Parcel 2, /);
    assert.doesNotMatch(answer, /Parcel \d, [^:]+: Your order/, "no full order sentence per parcel");
    await page.screenshot({ path: join(SHOTS, "phone-chat.png") });
    await page.keyboard.press("Escape");
    await chat.dialog.waitFor({ state: "hidden" });
    assert.equal(await chat.launcher.isVisible(), true);
    assert.equal(
      await chat.launcher.evaluate((el) => el.getRootNode().activeElement === el),
      true,
      "focus returns to the launcher",
    );
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).overflow), "hidden");
    const violations = await audit(page, "#wismo-root");
    assert.deepEqual(violations, [], violations.join("\n"));
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("window.wismo: queued calls, open, identify, ask, events and clear errors", async () => {
    const { context, page, problems } = await watchedPage(browser);
    await page.addInitScript(() => {
      window.__events = [];
      for (const name of ["wismo:ready", "wismo:open", "wismo:close", "wismo:answered"]) {
        window.addEventListener(name, (e) => window.__events.push([name, e.detail]));
      }
      // A theme's calls before the loader arrives.
      window.wismo = [["setLocale", "fr"]];
    });
    await page.goto(demo.url);
    const chat = new ChatWidget(page);
    await page.waitForFunction(() => window.__events.some(([n]) => n === "wismo:ready"));
    await chat.launcher.filter({ hasText: "Discuter avec nous" }).waitFor();

    await page.evaluate(() => window.wismo.setLocale("en"));
    await page.evaluate(() => window.wismo.open());
    await chat.dialog.waitFor({ state: "visible" });
    await page.evaluate(() => window.wismo.identify({ orderNumber: "1004", email: "marco@example.com" }));
    await chat.orderCard.waitFor({ timeout: 20_000 });
    const answered = await page.waitForFunction(
      () => window.__events.find(([n]) => n === "wismo:answered")?.[1],
    );
    const detail = await answered.jsonValue();
    assert.equal(detail.situation, "in_transit");
    assert.equal(detail.order, "#1004");

    const before = await chat.assistantMessages.count();
    await page.evaluate(() => window.wismo.ask("will it arrive by saturday?"));
    await page.waitForFunction(
      (n) => document.getElementById("wismo-root").shadowRoot
        .querySelectorAll('[data-testid="wismo-message"][data-role="assistant"]').length > n,
      before,
    );
    assert.match(await chat.lastReply(), /Saturday/);

    await page.evaluate(() => window.wismo.close());
    await chat.dialog.waitFor({ state: "hidden" });
    const names = await page.evaluate(() => window.__events.map(([n]) => n));
    assert.ok(names.includes("wismo:open") && names.includes("wismo:close"), names.join(","));

    // Bad arguments: a clear console error, nothing thrown at the theme.
    await page.evaluate(() => window.wismo.identify({ orderNumber: "not a number", email: "x" }));
    await page.evaluate(() => window.wismo.setLocale("pt"));
    assert.ok(problems.errors.some((e) => /wismo: identify: orderNumber/.test(e)), problems.errors.join("\n"));
    assert.ok(problems.errors.some((e) => /setLocale: "pt" is not one of en, es, fr, de/.test(e)), problems.errors.join("\n"));
    await context.close();
  });
});
