// The chat widget on the demo storefront, end to end: real proxy, real wasm, real Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./support/browser.mjs";
import { Storefront } from "./support/pages.mjs";
import { startDemo } from "./support/proxy.mjs";

// Demo order 1004 (proxy/src/demo/orders.rs): a UPS parcel moving normally, last scanned in
// Columbus, OH with the carrier's raw text "ARRIVAL SCAN".
const IN_TRANSIT = { number: "1004", email: "marco@example.com" };
const CARRIER_JARGON = [/ARRIVAL SCAN/i, /DEPARTURE SCAN/i, /ORIGIN SCAN/i, /BILLING INFORMATION/i, /I\/AR/];

describe("chat widget on the demo storefront", { timeout: 120_000 }, () => {
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

  test("answers where an in-transit order is, with its card and plain-language timeline", async (t) => {
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    const clickableMs = await shop.open();
    t.diagnostic(`launcher clickable ${Math.round(clickableMs)} ms after navigation start`);
    console.log(`launcher clickable after ${Math.round(clickableMs)} ms`);
    const chat = shop.widget;

    assert.equal(await chat.launcher.getAttribute("aria-expanded"), "false");
    await chat.open();
    assert.equal(await chat.launcher.getAttribute("aria-expanded"), "true");
    assert.equal(await chat.input.evaluate((el) => el.getRootNode().activeElement === el), true, "focus moves to the input");

    const ask = await chat.send("where is my order");
    assert.match(ask, /order number/i);
    assert.match(ask, /e-?mail/i);

    const answer = await chat.send(`#${IN_TRANSIT.number} ${IN_TRANSIT.email}`);
    assert.ok(answer.length > 20, `a real answer, got: ${answer}`);
    assert.match(answer, /UPS|on its way|transit/i);

    await chat.orderCard.waitFor();
    const card = await chat.orderCard.innerText();
    assert.match(await page.getByTestId("wismo-card-number").innerText(), /#?1004/);
    assert.ok((await page.getByTestId("wismo-card-headline").innerText()).trim().length > 0);
    assert.equal((await page.getByTestId("wismo-parcel-carrier").innerText()).trim(), "UPS");
    assert.match(card, /1Z4W96E80310428511/);
    assert.match(card, /Canvas Daypack/);
    const entries = await page.getByTestId("wismo-timeline-entry").allInnerTexts();
    assert.ok(entries.length >= 3, `a timeline, got ${entries.length} entries`);
    assert.ok(entries.some((e) => /Columbus/.test(e)), `the latest place in plain words: ${entries.join(" | ")}`);

    // The newest updates show first; the rest are one tap away.
    const visible = () => page.locator('[data-testid="wismo-timeline-entry"]:visible').count();
    assert.equal(await visible(), 3);
    await page.getByTestId("wismo-timeline-more").click();
    assert.equal(await visible(), entries.length);

    const everything = await chat.allText();
    for (const jargon of CARRIER_JARGON) {
      assert.doesNotMatch(everything, jargon, "raw carrier text never reaches the shopper");
    }

    // Later questions resolve against the loaded order without asking again.
    const followUp = await chat.send("when will it get here?");
    assert.doesNotMatch(followUp, /order number/i);

    // Another order means a new chat: it forgets the verified one.
    await page.getByTestId("wismo-restart").click();
    assert.equal(await chat.orderCard.count(), 0);
    assert.match(await chat.send("where is my order"), /order number/i);

    // Escape closes the panel and gives focus back to the launcher.
    await chat.input.press("Escape");
    await chat.dialog.waitFor({ state: "hidden" });
    assert.equal(await chat.launcher.evaluate((el) => el.getRootNode().activeElement === el), true, "focus returns to the launcher");

    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.dialogs, []);
    await context.close();
  });

  test("after the answer the shopper rates it by keyboard, and the dashboard counts the chat", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const report = async () => {
      const response = await fetch(`${demo.url}admin/api/report?days=7`, {
        headers: { authorization: "Bearer wismo-demo-admin-token-public" },
      });
      assert.equal(response.status, 200);
      return (await response.json()).kpis;
    };
    const before = await report();
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    // Asked before verifying: these turns wait in the widget until a session exists.
    assert.match(await chat.send("where is my order"), /order number/i);
    const flushed = page.waitForResponse((r) => r.url().endsWith("/api/v1/events"));
    assert.match(await chat.send(`#${IN_TRANSIT.number} ${IN_TRANSIT.email}`), /UPS|on its way|transit/i);
    // Verified: both turns go out at once, the earlier one dated earlier.
    const turns = await flushed;
    assert.equal(turns.status(), 202);
    const sent = JSON.parse(turns.request().postData());
    assert.equal(sent.surface, "chat");
    assert.deepEqual(sent.events.map((e) => e.kind), ["contact", "answer", "contact", "answer"]);
    assert.equal(sent.events[2].intent, "track_order");
    assert.equal(sent.events[3].situation, "in_transit");
    assert.ok(sent.events[0].ago_ms > sent.events[2].ago_ms, JSON.stringify(sent.events));

    const group = page.getByRole("group", { name: "How did we do?" });
    await group.waitFor();
    const buttons = group.getByRole("button");
    assert.deepEqual(
      await buttons.evaluateAll((all) => all.map((b) => `${b.type} ${b.getAttribute("aria-label")}`)),
      ["button 1 of 5", "button 2 of 5", "button 3 of 5", "button 4 of 5", "button 5 of 5"],
    );
    for (const box of await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width >= 44 && box.height >= 44, `a 44 px touch target, got ${box.width}×${box.height}`);
    }
    const five = group.getByRole("button", { name: "5 of 5" });
    await five.focus();
    const rated = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/events") && r.request().postData()?.includes('"rating"'),
    );
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Thank you for your rating." }).waitFor();
    assert.equal(await group.count(), 0, "the buttons are gone once rated");
    const rating = await rated;
    assert.equal(rating.status(), 202);
    assert.deepEqual(JSON.parse(rating.request().postData()), {
      surface: "chat",
      events: [{ kind: "rating", score: 5, ago_ms: 0 }],
    });

    const after = await report();
    assert.ok(after.ratings >= 1, `ratings: ${after.ratings}`);
    assert.ok(after.contacts >= 1, `contacts: ${after.contacts}`);
    assert.ok(after.ratings > before.ratings, `the rating counts: ${before.ratings} → ${after.ratings}`);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.dialogs, []);
    await context.close();
  });

  test("a stalled parcel offers remedies as quick replies and asks for a yes before refunding", { timeout: 40_000 }, async () => {
    // Demo order 1009: FedEx, last scan five days ago.
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    const answer = await chat.send("where is my order? #1009 chloe@example.com");
    assert.match(answer, /hasn't scanned/i);
    const offered = await page.getByTestId("wismo-quick-reply").allInnerTexts();
    assert.deepEqual(offered.map((t) => t.trim()), ["A replacement sent now", "A refund", "Waiting a little longer"]);
    const confirm = await chat.pick("A refund");
    assert.match(confirm, /To confirm: we refund \$\d+\.\d\d for order #1009/);
    assert.equal(await page.getByTestId("wismo-quick-reply").count(), 0, "the choices are gone once one is picked");
    // The widget asks the proxy to carry the refund out, and the proxy agrees.
    const executed = page.waitForResponse((r) => r.url().endsWith("/api/v1/actions") && r.request().method() === "POST");
    assert.match(await chat.send("yes"), /Done/);
    const response = await executed;
    assert.equal(response.status(), 200);
    assert.equal(JSON.parse(response.request().postData()).action.type, "refund");
    await page.waitForTimeout(200);
    assert.match(await chat.lastReply(), /Done/);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a question in Spanish is answered in Spanish", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    assert.match(await chat.send("¿dónde está mi pedido?"), /número de pedido/);
    assert.match(await chat.send(`#${IN_TRANSIT.number} ${IN_TRANSIT.email}`), /Tu pedido #1004 está en camino con UPS/);
    // Once the shopper writes Spanish on an English storefront, the widget's labels switch too.
    assert.equal((await chat.sendButton.innerText()).trim(), "Enviar");
    assert.match(await chat.orderCard.getAttribute("aria-label"), /^Pedido #?1004$/);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("on a Spanish storefront the widget greets and fails in Spanish", async () => {
    const { context, page, problems } = await watchedPage(browser);
    // The same storefront, declared Spanish the way a shop's theme does: <html lang="es">.
    await page.route(demo.url, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<html lang="en">', '<html lang="es">');
      await route.fulfill({ response, body });
    });
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    assert.match(await chat.assistantMessages.first().innerText(), /Puedo decirte dónde está tu pedido/);
    // What a screen reader announces follows the language too.
    assert.equal(await chat.dialog.getAttribute("aria-label"), "Chat de ayuda con pedidos");
    assert.equal((await chat.sendButton.innerText()).trim(), "Enviar");
    assert.equal(await chat.input.getAttribute("placeholder"), "Pregunta por tu pedido…");
    await chat.send("¿ya enviaron mi pedido?");
    const reply = await chat.send(`${IN_TRANSIT.number} otra.persona@example.com`);
    assert.match(reply, /no encuentro ningún pedido con esos datos/);
    const unexpected = problems.errors.filter((e) => !/status of 401/.test(e));
    assert.deepEqual(unexpected, []);
    await context.close();
  });

  test("a wrong e-mail gets a polite failure that does not say which part was wrong", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    await chat.send("has my order shipped?");
    const reply = await chat.send(`${IN_TRANSIT.number} someone.else@example.com`);
    assert.match(reply, /couldn't find an order/i);
    assert.doesNotMatch(reply, /wrong e-?mail|e-?mail (is|was) (wrong|incorrect)|no such order|does not exist/i);
    assert.equal(await chat.orderCard.count(), 0);
    // Chromium reports every 4xx response as a console error; the 401 is this test's point.
    const unexpected = problems.errors.filter((e) => !/status of 401/.test(e));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(problems.dialogs, []);
    await context.close();
  });

  test("hostile text is shown literally and never runs", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    const policy = page.waitForResponse((r) => r.url().endsWith("/api/v1/shop"));
    await shop.open();
    await policy;
    const chat = shop.widget;
    await chat.open();
    // Before any order is loaded, the answers already speak for the shop (its public policy).
    assert.match(await chat.send("hello"), /Northwind Supply Co\./);
    const hostile = "<img src=x onerror=alert(1)>";
    await chat.send(hostile);
    assert.equal((await chat.userMessages.last().innerText()).trim(), hostile);
    const images = await page.evaluate(() => document.getElementById("wismo-root").shadowRoot.querySelectorAll("img").length);
    assert.equal(images, 0);
    await page.waitForTimeout(300);
    assert.deepEqual(problems.dialogs, []);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });

  test("a network failure says so and keeps the typed text for another try", async () => {
    const { context, page, problems } = await watchedPage(browser);
    const shop = new Storefront(page, demo.url);
    await shop.open();
    const chat = shop.widget;
    await chat.open();
    await page.route("**/api/v1/session", (route) => route.abort("internetdisconnected"));
    const typed = `where is order ${IN_TRANSIT.number}? ${IN_TRANSIT.email}`;
    const reply = await chat.send(typed);
    assert.match(reply, /couldn't reach/i);
    assert.equal(await chat.input.inputValue(), typed);
    await page.unroute("**/api/v1/session");
    await chat.sendButton.click();
    await chat.orderCard.waitFor();
    const unexpected = problems.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
    assert.deepEqual(unexpected, []);
    await context.close();
  });

  test("without WebAssembly the loader shows a plain tracking link", async () => {
    const { context, page, problems } = await watchedPage(browser);
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(demo.url);
    const link = page.getByTestId("wismo-fallback");
    await link.waitFor();
    assert.equal((await link.innerText()).trim(), "Track your order");
    assert.ok((await link.getAttribute("href")).length > 0);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });
});
