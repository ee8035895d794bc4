//! The widget's stylesheet, placed inside its shadow root so it neither leaks out nor lets the
//! page's styles in (`all: initial` on the host stops inherited fonts and colours too).

pub const CSS: &str = r#"
:host{all:initial;--accent:var(--wismo-accent,#1d4ed8);position:fixed;right:20px;bottom:20px;z-index:2147483000;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24}
*{box-sizing:border-box}
[hidden]{display:none!important}
.launcher{display:flex;align-items:center;gap:8px;margin-left:auto;border:0;border-radius:999px;padding:12px 18px;background:var(--accent);color:#fff;font:600 15px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer;box-shadow:0 6px 20px rgba(15,23,42,.25)}
.launcher:hover,.send:hover{filter:brightness(.9)}
.launcher:focus-visible,.close:focus-visible,.restart:focus-visible,.send:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.launcher svg{width:20px;height:20px;fill:currentColor}
.panel{position:absolute;right:0;bottom:64px;width:min(380px,calc(100vw - 24px));height:min(580px,calc(100vh - 100px));display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.3);border:1px solid #e2e8f0}
.head{display:flex;align-items:center;justify-content:space-between;padding:14px 16px;background:var(--accent);color:#fff}
.head h2{margin:0;font-size:16px;font-weight:600}
.head p{margin:2px 0 0;font-size:12.5px;opacity:.9}
.close{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}
.restart{margin-left:auto;white-space:nowrap;flex:none;margin-right:4px;border:1px solid rgba(255,255,255,.6);background:transparent;color:#fff;border-radius:999px;padding:5px 11px;font:600 12.5px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer}
.restart:hover,.close:hover{background:rgba(255,255,255,.15)}
.log{position:relative;flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;background:#f8fafc}
.msg{max-width:88%;padding:9px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.msg[data-role=user]{align-self:flex-end;background:var(--accent);color:#fff;border-bottom-right-radius:4px}
.msg[data-role=assistant]{align-self:flex-start;background:#fff;border:1px solid #e2e8f0;border-bottom-left-radius:4px}
.msg.progress{color:#475569;font-style:italic}
.quick,.rate{display:flex;flex-wrap:wrap;gap:6px;padding:8px 10px 0;background:#fff;border-top:1px solid #e2e8f0}
.rate{align-items:center;padding-bottom:8px}
.rate:has(p:empty){display:none}
.rate p{margin:0;font-weight:600}
.rate div{display:flex;gap:6px}
.quick button,.rate button{border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:999px;padding:6px 12px;font:600 13px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer}
.rate button{min-width:44px;min-height:44px;font-size:15px}
.quick button:hover,.rate button:hover{background:#f1f5f9}
.quick button:focus-visible,.rate button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.quick+.composer{border-top:0}
.composer{display:flex;gap:8px;padding:10px;border-top:1px solid #e2e8f0;background:#fff}
.composer input{flex:1;min-width:0;border:1px solid #94a3b8;border-radius:8px;padding:9px 11px;font:inherit;color:inherit}
.composer input:focus{outline:2px solid var(--accent);outline-offset:0;border-color:var(--accent)}
.send{border:0;border-radius:8px;padding:0 14px;background:var(--accent);color:#fff;font:600 14px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer}
.send:disabled{background:#94a3b8;cursor:default}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:no-preference){.panel{animation:pop .16s ease-out}@keyframes pop{from{opacity:0;transform:translateY(8px)}}}
:host([data-position=left]) .panel{right:auto;left:0}
:host([data-position=left]) .launcher{margin-left:0;margin-right:auto}
@media (max-width:480px){
.panel{position:fixed;top:0;left:0;right:0;bottom:auto;width:100vw;height:var(--wismo-viewport-height,100dvh);border-radius:0;border:0;box-shadow:none;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
:host([data-position=left]) .panel{left:0}
.launcher[aria-expanded=true]{display:none}
.composer input{font-size:16px}
}
"#;
