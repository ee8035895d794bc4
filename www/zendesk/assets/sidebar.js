// The bridge between Zendesk's ticket sidebar (Zendesk Apps framework v2) and the wismo agent
// UI (wasm). It touches Zendesk only through the ZAF client, so the demo page can run the same
// file with a stand-in `ZAFClient`.
//
// ZAF documentation relied on:
//   client API (get, invoke, metadata, request):
//     https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/
//   requests, secure settings and JWTs:
//     https://developer.zendesk.com/documentation/apps/getting-started/making-api-requests-from-a-zendesk-app/
//   ticket sidebar (ticket.comment.appendText, resize):
//     https://developer.zendesk.com/apps/docs/support-api/ticket_sidebar

import init, { mount } from "./wismo_agent.js";

const root = document.getElementById("wismo-agent");
const client = ZAFClient.init();

/** Memoises an async lookup; a failed one is tried again on the next call. */
function once(load) {
  let pending = null;
  return () => {
    pending ??= load().catch((e) => {
      pending = null;
      throw e;
    });
    return pending;
  };
}

// The proxy's origin, from the app's (non-secure) `proxy_url` setting.
const proxyUrl = once(async () => {
  const meta = await client.metadata();
  const url = String(meta?.settings?.proxy_url ?? "").trim().replace(/\/+$/, "");
  if (!url) throw new Error("the app's proxy_url setting is empty");
  return url;
});

// The agent using the sidebar: the token's `sub`, so the proxy's audit log names them.
const agentId = once(async () => {
  const data = await client.get("currentUser.id");
  const id = data["currentUser.id"];
  if (id === undefined || id === null) throw new Error("Zendesk did not say who the agent is");
  return String(id);
});

/** The body text of a ZAF response (or of the error a non-2xx answer rejects with). */
function textOf(response) {
  if (typeof response?.responseText === "string") return response.responseText;
  if (response?.responseJSON !== undefined) return JSON.stringify(response.responseJSON);
  return "";
}

const host = {
  /** The ticket's requester: `{email, name}` (empty strings when Zendesk has none). */
  async requester() {
    const data = await client.get(["ticket.requester.email", "ticket.requester.name"]);
    return {
      email: data["ticket.requester.email"] || "",
      name: data["ticket.requester.name"] || "",
    };
  },

  /**
   * Calls the proxy through Zendesk's request proxy. The HS256 token is signed by Zendesk with
   * the secure `jwt_secret` setting, which never reaches the browser: only its placeholder is
   * here, and Zendesk puts the token where `{{jwt.token}}` stands. Every HTTP answer resolves
   * to `{status, body}` (4xx and 5xx included); only a request that got no answer rejects.
   */
  async request(path, method, body, idempotencyKey) {
    const [base, sub] = await Promise.all([proxyUrl(), agentId()]);
    const headers = { Authorization: "Bearer {{jwt.token}}" };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    const options = {
      url: base + path,
      type: method,
      contentType: "application/json",
      headers,
      secure: true,
      jwt: {
        algorithm: "HS256",
        secret_key: "{{setting.jwt_secret}}",
        expiry: 300,
        claims: { sub },
      },
      dataType: "text",
      httpCompleteResponse: true,
    };
    if (body !== undefined && body !== null) options.data = body;
    try {
      const response = await client.request(options);
      const status = typeof response?.status === "number" ? response.status : 200;
      return { status, body: textOf(response) };
    } catch (error) {
      if (typeof error?.status === "number" && error.status > 0) {
        return { status: error.status, body: textOf(error) };
      }
      const why = error?.statusText || error?.message || String(error);
      throw new Error(`the wismo proxy did not answer: ${why}`);
    }
  },

  /** Appends text to the agent's reply in the ticket editor. */
  async insertReply(text) {
    await client.invoke("ticket.comment.appendText", text);
  },
};

/** Keeps the sidebar iframe as tall as the content, as ticket sidebar apps resize themselves. */
function followHeight() {
  if (typeof ResizeObserver !== "function") return;
  let last = -1;
  let queued = false;
  const resize = () => {
    queued = false;
    const margin = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
    const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY + margin);
    if (height === last) return;
    last = height;
    client.invoke("resize", { width: "100%", height: `${height}px` });
  };
  new ResizeObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(resize);
    }
  }).observe(root);
}

if (!client) {
  // ZAFClient.init() returns nothing outside a Zendesk app iframe.
  root.textContent = "Open this page as a Zendesk app: it needs the Zendesk Apps framework.";
  root.removeAttribute("aria-busy");
} else {
  followHeight();
  try {
    await init();
    mount(root, host);
  } catch (error) {
    root.textContent = `The wismo sidebar could not start: ${error?.message || error}`;
  } finally {
    root.removeAttribute("aria-busy");
  }
}
