// The loader costs the storefront nothing until it is used: it draws the launcher itself and
// fetches the wasm only on interest or once the page has loaded and gone idle. Real Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./support/browser.mjs";
import { ChatWidget } from "./support/pages.mjs";
import { startDemo } from "./support/proxy.mjs";

const WIDGET = /\/widget\/wismo_widget(_bg\.wasm|\.js)$/;

describe("the loader", { timeout: 120_000 }, () => {
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

  test("draws the launcher at once and fetches the widget only on interest, never during load", async (t) => {
    const { context, page, problems } = await watchedPage(browser);
    await page.addInitScript(() => {
      window.__shift = 0;
      window.__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: "layout-shift", buffered: true });
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__long.push(Math.round(e.duration));
      }).observe({ type: "longtask", buffered: true });
    });
    let loaded = false;
    const early = [];
    const fetched = [];
    page.on("load", () => {
      loaded = true;
    });
    page.on("request", (r) => {
      if (WIDGET.test(r.url())) {
        fetched.push(r.url());
        if (!loaded) early.push(r.url());
      }
    });
    await page.goto(demo.url);
    const chat = new ChatWidget(page);
    await chat.launcher.waitFor();
    assert.match(await chat.launcher.innerText(), /Chat with us/);
    assert.deepEqual(early, [], "nothing of the widget during the page's load");
    assert.deepEqual(fetched, [], "nothing before interest or idle");

    const box = await chat.launcher.boundingBox();
    await chat.launcher.hover();
    await page.waitForResponse((r) => /wismo_widget_bg\.wasm$/.test(r.url()), { timeout: 5_000 });
    // The widget takes over the same launcher in place.
    await page.waitForFunction(() =>
      document.getElementById("wismo-root").shadowRoot.querySelector('[aria-controls="wismo-panel"]'),
    );
    assert.deepEqual(await chat.launcher.boundingBox(), box, "the launcher did not move");
    await chat.open();
    assert.equal(await page.evaluate(() => window.__shift), 0, "no layout shift");
    const long = await page.evaluate(() => window.__long);
    const report = `loader: main-thread tasks over 50 ms up to the first open: ${long.length ? long.join(", ") + " ms" : "none"}`;
    t.diagnostic(report);
    console.log(report);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a click before the widget arrived opens the chat once it has", async () => {
    const { context, page } = await watchedPage(browser);
    // A slow widget: the click lands while it is still on its way.
    await page.route(WIDGET, async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.goto(demo.url);
    const chat = new ChatWidget(page);
    await chat.launcher.click();
    await chat.dialog.waitFor({ state: "visible", timeout: 15_000 });
    assert.equal(await chat.launcher.getAttribute("aria-expanded"), "true");
    await context.close();
  });

  test("left alone, the page fetches the widget once it has loaded and gone idle", async () => {
    const { context, page } = await watchedPage(browser);
    const wasm = page.waitForResponse((r) => /wismo_widget_bg\.wasm$/.test(r.url()), { timeout: 20_000 });
    await page.goto(demo.url);
    await wasm;
    await context.close();
  });
});
