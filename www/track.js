// Starts the tracking page's wasm (widget/track), which takes over the page the proxy rendered.
// Everything is found relative to this file, so it works at / and under /apps/wismo alike.
import init from "./widget/track/wismo_track.js";

init({ module_or_path: new URL("./widget/track/wismo_track_bg.wasm", import.meta.url) }).catch((e) =>
  console.warn("wismo: the tracking page stays as the server drew it:", e),
);
