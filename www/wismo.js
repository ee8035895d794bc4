// wismo loader: the one script a shop adds (a Shopify theme app embed block renders this tag).
// It reserves a fixed-position host, loads the wasm widget from wherever this script came from,
// and falls back to a plain "Track your order" link when WebAssembly cannot run.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.getElementById("wismo-root")) return;
  // The proxy serves this script, the widget and the API side by side (also under a path prefix
  // such as a Shopify app proxy), so everything is found relative to this script's URL.
  var base = new URL(".", script.src).href.replace(/\/$/, "");
  var shop = script.getAttribute("data-shop") || location.hostname;
  var fallbackUrl = script.getAttribute("data-fallback-url") || "/pages/contact";
  var host = document.createElement("div");
  host.id = "wismo-root";
  // Fixed and out of flow from the first frame, so nothing on the page moves when it mounts.
  host.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000";
  // The theme's brand colour, if given, reaches inside the shadow root as a custom property.
  var accent = script.getAttribute("data-accent");
  if (accent) host.style.setProperty("--wismo-accent", accent);

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
    link.textContent = "Track your order";
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
            widget.mount(host, base, shop);
          });
      })
      .catch(fallback);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
