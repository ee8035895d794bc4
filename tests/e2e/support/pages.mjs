// Page objects: the demo storefront and the chat widget inside it, found by data-testid
// (Playwright's locators pierce the widget's open shadow root).

export class Storefront {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.widget = new ChatWidget(page);
  }

  /** Opens the storefront and returns ms from navigation start until the launcher is clickable. */
  async open() {
    await this.page.goto(this.baseUrl);
    return this.page.waitForFunction(
      () => {
        const button = document
          .getElementById("wismo-root")
          ?.shadowRoot?.querySelector('[data-testid="wismo-launcher"]');
        const box = button?.getBoundingClientRect();
        return box && box.width > 0 && box.height > 0 ? performance.now() : false;
      },
      null,
      { polling: "raf", timeout: 20_000 },
    ).then((handle) => handle.jsonValue());
  }
}

export class ChatWidget {
  constructor(page) {
    this.page = page;
    this.launcher = page.getByTestId("wismo-launcher");
    this.input = page.getByTestId("wismo-input");
    this.sendButton = page.getByTestId("wismo-send");
    this.messages = page.getByTestId("wismo-message");
    this.assistantMessages = page.locator('[data-testid="wismo-message"][data-role="assistant"]');
    this.userMessages = page.locator('[data-testid="wismo-message"][data-role="user"]');
    this.orderCard = page.getByTestId("wismo-order-card");
    this.dialog = page.getByRole("dialog");
  }

  async open() {
    await this.launcher.click();
    await this.dialog.waitFor({ state: "visible" });
  }

  /** Types a message and presses Enter; resolves once the assistant has answered it. */
  async send(text) {
    const before = await this.assistantMessages.count();
    await this.input.fill(text);
    await this.input.press("Enter");
    await this.page.waitForFunction(
      (n) => {
        const root = document.getElementById("wismo-root").shadowRoot;
        const replies = root.querySelectorAll('[data-testid="wismo-message"][data-role="assistant"]');
        const busy = root.querySelector('[role="log"]').getAttribute("aria-busy") === "true";
        return !busy && replies.length > n;
      },
      before,
      { timeout: 15_000 },
    );
    return this.lastReply();
  }

  /** Taps the quick reply whose text matches `name`; resolves once the assistant has answered. */
  async pick(name) {
    const before = await this.assistantMessages.count();
    await this.page.getByTestId("wismo-quick-reply").filter({ hasText: name }).click();
    await this.page.waitForFunction(
      (n) => document.getElementById("wismo-root").shadowRoot
        .querySelectorAll('[data-testid="wismo-message"][data-role="assistant"]').length > n,
      before,
      { timeout: 15_000 },
    );
    return this.lastReply();
  }

  lastReply() {
    return this.assistantMessages.last().innerText();
  }

  /** Everything the widget shows, as text, to check that nothing raw leaks through. */
  allText() {
    return this.page.evaluate(() => document.getElementById("wismo-root").shadowRoot.textContent);
  }
}
