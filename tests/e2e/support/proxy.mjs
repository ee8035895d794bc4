// Starts `wismo demo` on a free port with a fresh database and stops it again.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../..");

/**
 * A running demo proxy: `url` ends with a slash; call `stop()` when done. `history` simulated
 * orders give the outcomes dashboard something to show (none unless asked: it takes seconds).
 */
export async function startDemo({ timeoutMs = 30_000, history = 0 } = {}) {
  const bin = process.env.WISMO_BIN || join(repoRoot, "target/debug/wismo");
  const dir = mkdtempSync(join(tmpdir(), "wismo-e2e-"));
  const args = ["demo", "--addr", "127.0.0.1:0", "--db", join(dir, "demo.sqlite"), "--history", String(history)];
  const child = spawn(bin, args, {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`wismo demo printed no address within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${e.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wismo demo exited with ${code} before serving; stderr:\n${stderr}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = line.match(/wismo demo running at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].endsWith("/") ? m[1] : `${m[1]}/`);
      }
    });
  });
  child.removeAllListeners("exit");
  return {
    url,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
