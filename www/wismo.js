// wismo loader: the one script a shop adds (the Shopify theme app embed renders this tag).
// It reserves a fixed-position host, loads the wasm widget from wherever this script came from,
// falls back to a plain "Track your order" link when WebAssembly cannot run, and sets up
// `window.wismo`, the theme's JavaScript API (calls made before the widget loads are queued).
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
      else queue.push([name].concat(args));
    };
  });
  window.wismo = api;

  function fallback(reason) {
    if (reason) console.warn("wismo: showing a plain link instead of the chat:", reason);
    if (host.shadowRoot) return;
    var root = host.attachShadow({ mode: "open" });
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

  function start() {
    document.body.appendChild(host);
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      fallback("WebAssembly is not available");
      return;
    }
    import(base + "/widget/wismo_widget.js")
      .then(function (widget) {
        return widget
          .default({ module_or_path: base + "/widget/wismo_widget_bg.wasm" })
          .then(function () {
            handle = widget.mount(host, {
              apiBase: base,
              shop: shop,
              viaAppProxy: script.hasAttribute("data-app-proxy"),
              signedIn: script.hasAttribute("data-customer"),
              greeting: attr("greeting") || null,
              locale: attr("locale") || null,
            });
            queue.splice(0).forEach(function (c) {
              if (Array.isArray(c) && METHODS.indexOf(c[0]) >= 0) call(c[0], c.slice(1));
              else console.error("wismo: unknown queued call", c);
            });
          });
      })
      .catch(fallback);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
