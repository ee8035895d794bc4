// wismo loader: the one script a shop adds (the Shopify theme app embed renders this tag).
// It reserves a fixed-position host and draws the launcher itself; the wasm widget (from wherever
// this script came from) is fetched only when the shopper shows interest (pointer over or focus
// on the launcher, a touch, a click) or once the page has loaded and the browser is idle, never
// during the page's load. It falls back to a plain "Track your order" link when WebAssembly
// cannot run, and sets up `window.wismo`, the theme's JavaScript API (calls made before the
// widget loads are queued, and fetch it).
//
// Attributes: data-shop, data-accent (#hex), data-position (right | left), data-greeting,
// data-locale, data-fallback-url, data-fallback-label, data-app-proxy (served through Shopify's
// app proxy), data-customer (the storefront says a customer is signed in).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.getElementById("wismo-root")) return;
  // The proxy serves this script, the widget and the API side by side (also under a path prefix
  // such as a Shopify app proxy), so everything is found relative to this script's URL.
  var base = new URL(".", script.src).href.replace(/\/$/, "");
  var attr = function (name) {
    var v = script.getAttribute("data-" + name);
    return v === null ? "" : v;
  };
  var shop = attr("shop") || location.hostname;
  var fallbackUrl = attr("fallback-url") || "/pages/contact";
  var left = attr("position") === "left";
  var host = document.createElement("div");
  host.id = "wismo-root";
  host.setAttribute("data-position", left ? "left" : "right");
  // Fixed and out of flow from the first frame, so nothing on the page moves when it mounts.
  host.style.cssText =
    "position:fixed;bottom:20px;z-index:2147483000;" + (left ? "left:20px" : "right:20px");
  // The theme's brand colour, if given, reaches inside the shadow root as a custom property.
  var accent = attr("accent");
  if (/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent)) {
    host.style.setProperty("--wismo-accent", accent);
  }
  // On a phone the open chat fills the visible viewport, above the on-screen keyboard.
  if (window.visualViewport) {
    var fit = function () {
      host.style.setProperty("--wismo-viewport-height", window.visualViewport.height + "px");
    };
    window.visualViewport.addEventListener("resize", fit);
    fit();
  }

  // window.wismo: open(), close(), setLocale(lang), ask(text), identify({orderNumber, email}).
  // A page may also have queued calls before this script ran: window.wismo = [["open"], ...].
  var METHODS = ["open", "close", "setLocale", "ask", "identify"];
  var queue = Array.isArray(window.wismo) ? window.wismo.slice() : [];
  var handle = null;
  var api = {};
  function call(name, args) {
    try {
      handle[name].apply(handle, args);
    } catch (e) {
      console.error(e && e.message ? e.message : e);
    }
  }
  METHODS.forEach(function (name) {
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      if (handle) call(name, args);
      else {
        queue.push([name].concat(args));
        if (root) load();
      }
    };
  });
  window.wismo = api;

  // The launcher, drawn here with the widget's own look so the page pays for nothing else until
  // the shopper shows interest; the wasm then takes over this shadow root in place.
  var LABELS = { en: "Chat with us", es: "Chatea con nosotros", fr: "Discuter avec nous", de: "Chatten Sie mit uns" };
  var lang = (attr("locale") || document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  var root = host.attachShadow({ mode: "open" });
  var launcher = null;
  function drawLauncher() {
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial;--accent:var(--wismo-accent,#1d4ed8)}" +
      ".launcher{display:flex;align-items:center;gap:8px;margin-left:auto;border:0;border-radius:999px;" +
      "padding:12px 18px;background:var(--accent);color:#fff;font:600 15px/1 system-ui,-apple-system," +
      '"Segoe UI",Roboto,sans-serif;cursor:pointer;box-shadow:0 6px 20px rgba(15,23,42,.25)}' +
      ".launcher:hover{filter:brightness(.9)}.launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}" +
      ".launcher svg{width:20px;height:20px;fill:currentColor}.launcher[aria-busy=true]{cursor:progress}";
    launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "launcher";
    launcher.setAttribute("data-testid", "wismo-launcher");
    launcher.setAttribute("aria-expanded", "false");
    launcher.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"></path></svg>';
    var label = document.createElement("span");
    label.textContent = LABELS[lang] || LABELS.en;
    launcher.appendChild(label);
    root.appendChild(style);
    root.appendChild(launcher);
    // Interest: a pointer over it, focus on it, a touch. Any of them starts the download.
    ["pointerenter", "focus", "touchstart"].forEach(function (ev) {
      launcher.addEventListener(ev, load, { once: true, passive: true });
    });
    launcher.addEventListener("click", function () {
      launcher.setAttribute("aria-busy", "true");
      pending.push(["open"]);
      load();
    });
  }

  function fallback(reason) {
    if (reason) console.warn("wismo: showing a plain link instead of the chat:", reason);
    while (root.firstChild) root.removeChild(root.firstChild);
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial}a{display:inline-block;padding:12px 18px;border-radius:999px;" +
      "background:var(--wismo-accent,#1d4ed8);color:#fff;font:600 15px/1 system-ui,sans-serif;" +
      "text-decoration:none;" +
      "box-shadow:0 6px 20px rgba(15,23,42,.25)}a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}";
    var link = document.createElement("a");
    link.href = fallbackUrl;
    link.textContent = attr("fallback-label") || "Track your order";
    link.setAttribute("data-testid", "wismo-fallback");
    root.appendChild(style);
    root.appendChild(link);
  }

  // Calls made by clicking the drawn launcher before the widget arrived.
  var pending = [];
  var loading = null;
  function load() {
    if (loading) return loading;
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      fallback("WebAssembly is not available");
      loading = Promise.resolve();
      return loading;
    }
    var hadFocus = root.activeElement === launcher;
    loading = import(base + "/widget/wismo_widget.js")
      .then(function (widget) {
        return widget
          .default({ module_or_path: base + "/widget/wismo_widget_bg.wasm" })
          .then(function () {
            while (root.firstChild) root.removeChild(root.firstChild);
            handle = widget.mount(host, {
              apiBase: base,
              shop: shop,
              viaAppProxy: script.hasAttribute("data-app-proxy"),
              signedIn: script.hasAttribute("data-customer"),
              greeting: attr("greeting") || null,
              locale: attr("locale") || null,
            });
            if (hadFocus || root.activeElement === null) {
              var drawn = root.querySelector('[data-testid="wismo-launcher"]');
              if (drawn && hadFocus) drawn.focus();
            }
            queue.splice(0).concat(pending.splice(0)).forEach(function (c) {
              if (Array.isArray(c) && METHODS.indexOf(c[0]) >= 0) call(c[0], c.slice(1));
              else console.error("wismo: unknown queued call", c);
            });
          });
      })
      .catch(fallback);
    return loading;
  }

  function start() {
    document.body.appendChild(host);
    drawLauncher();
    // A theme's early calls want the widget: fetch it now.
    if (queue.length) load();
    // Otherwise once the page has loaded and the browser is idle, at the lowest priority.
    var later = function () {
      var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };
      setTimeout(function () { idle(load, { timeout: 10000 }); }, 3000);
    };
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
