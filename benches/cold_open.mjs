// Cold open of the chat on a slow phone connection: from the shopper's first interaction with
// the launcher to a usable message input, in Chromium with the network throttled through the
// DevTools protocol (default 1.6 Mbps down, 750 kbps up, 150 ms latency; --cpu 4 also slows
// the CPU four times). A fresh browser context per run, so nothing is cached.
//
//   node benches/cold_open.mjs [--runs 5] [--down-kbps 1600] [--latency-ms 150] [--cpu 1]
//
// Needs the debug proxy (`cargo build -p wismo-proxy`) and the built widget (`cargo xtask
// widget`). Prints one table with the machine's details; not part of CI (a timing is not a test).
import os from "node:os";
import { launchBrowser } from "../tests/e2e/support/browser.mjs";
import { startDemo } from "../tests/e2e/support/proxy.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg("runs", 5);
const downKbps = arg("down-kbps", 1600);
const latency = arg("latency-ms", 150);
const cpu = arg("cpu", 1);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const demo = await startDemo();
const browser = await launchBrowser();
const results = { click: [], hover: [] };
try {
  for (const mode of ["click", "hover"]) {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency,
        downloadThroughput: (downKbps * 1000) / 8,
        uploadThroughput: (750 * 1000) / 8,
      });
      if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
      await page.goto(demo.url, { waitUntil: "load" });
      const launcher = page.getByTestId("wismo-launcher");
      await launcher.waitFor();
      if (mode === "hover") {
        // Interest first (the pointer arrives), the click a moment later, as people do.
        await launcher.hover();
        await page.waitForTimeout(300);
      }
      const started = await page.evaluate(() => performance.now());
      await launcher.click();
      await page.waitForFunction(
        () => {
          const input = document.getElementById("wismo-root")?.shadowRoot?.querySelector('[data-testid="wismo-input"]');
          return input && input.offsetParent !== null && !input.disabled && input.getRootNode().activeElement === input;
        },
        null,
        { polling: "raf", timeout: 120_000 },
      );
      const usable = await page.evaluate(() => performance.now());
      results[mode].push(usable - started);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}

const version = browser.version();
console.log(`cold open of the chat, ${runs} runs each, fresh context and no cache per run`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Chromium ${version}`);
console.log(`network: ${downKbps} kbps down, 750 kbps up, ${latency} ms latency; CPU slowdown ${cpu}×`);
console.log("| first interaction | median ms | min ms | max ms |");
console.log("|---|---|---|---|");
for (const [mode, xs] of Object.entries(results)) {
  const label = mode === "click" ? "click (pointer arrives with it)" : "click 300 ms after hover";
  console.log(`| ${label} | ${Math.round(median(xs))} | ${Math.round(Math.min(...xs))} | ${Math.round(Math.max(...xs))} |`);
}
