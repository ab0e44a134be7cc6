/**
 * The widget's stylesheet, adopted by its shadow root (a constructed stylesheet, which a
 * page's strict Content-Security-Policy allows, unlike an inline <style>). Theming goes
 * through custom properties, which pages may set on the element:
 *
 *   citeqa-chat { --citeqa-accent: #b00020; --citeqa-font: Georgia, serif; }
 *
 * Colours meet WCAG AA (4.5:1) for text in both themes.
 */
export const STYLES = `
:host {
  --citeqa-accent: #1f5fbf;
  --citeqa-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --citeqa-bg: #ffffff;
  --citeqa-fg: #1d1d1f;
  --citeqa-muted: #555a60;
  --citeqa-border: #c9cdd2;
  --citeqa-bubble: #eef2f7;
  --citeqa-mark: #fff0a8;
  --citeqa-mark-fg: #1d1d1f;
  --citeqa-focus: #0b57d0;
  all: initial;
  font-family: var(--citeqa-font);
  color: var(--citeqa-fg);
}
:host([data-theme="dark"]) {
  --citeqa-bg: #16181c;
  --citeqa-fg: #eceef1;
  --citeqa-muted: #aab1bb;
  --citeqa-border: #3b4048;
  --citeqa-bubble: #252a31;
  --citeqa-mark: #6b5a00;
  --citeqa-mark-fg: #ffffff;
  --citeqa-focus: #8ab4f8;
}
/* The page may style the host element itself (font, colour, line height inherit
   through the shadow boundary): set them on the widget's own boxes. */
* { box-sizing: border-box; }
.launcher, .panel { font-family: var(--citeqa-font); letter-spacing: normal; text-transform: none; text-align: left; }
:focus-visible { outline: 3px solid var(--citeqa-focus); outline-offset: 2px; }
button, textarea { font: inherit; }
.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  border: 0; border-radius: 28px; padding: 14px 20px; cursor: pointer;
  background: var(--citeqa-accent); color: #fff; font-size: 16px; font-weight: 600;
  box-shadow: 0 4px 16px rgba(0,0,0,.25);
}
:host([data-position="bottom-left"]) .launcher { right: auto; left: 20px; }
.panel {
  position: fixed; bottom: 88px; right: 20px; z-index: 2147483000;
  width: min(420px, calc(100vw - 40px)); height: min(640px, calc(100vh - 120px));
  display: flex; flex-direction: column;
  background: var(--citeqa-bg); color: var(--citeqa-fg);
  border: 1px solid var(--citeqa-border); border-radius: 12px;
  box-shadow: 0 8px 32px rgba(0,0,0,.25); overflow: hidden;
  font-size: 15px; line-height: 1.45;
}
:host([data-position="bottom-left"]) .panel { right: auto; left: 20px; }
.panel[hidden] { display: none; }
:host([data-mode="page"]) .panel {
  position: static; width: 100%; height: min(80vh, 900px); box-shadow: none;
}
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid var(--citeqa-border); }
header h2 { margin: 0; font-size: 16px; flex: 1; }
.status { font-size: 13px; color: var(--citeqa-muted); padding: 4px 12px; border-bottom: 1px solid var(--citeqa-border); }
.status[data-state="open"] { display: none; }
.icon-button {
  border: 1px solid var(--citeqa-border); background: transparent; color: var(--citeqa-fg);
  border-radius: 8px; padding: 6px 10px; cursor: pointer; font-size: 14px;
}
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 12px; }
.entry time { display: block; font-size: 12px; color: var(--citeqa-muted); margin-bottom: 2px; }
.question { align-self: flex-end; max-width: 85%; background: var(--citeqa-accent); color: #fff; padding: 8px 12px; border-radius: 12px 12px 2px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.question time { color: rgba(255,255,255,.85); }
.answer { background: var(--citeqa-bubble); padding: 10px 12px; border-radius: 12px 12px 12px 2px; overflow-wrap: anywhere; }
.short { font-weight: 700; font-size: 16px; margin: 0 0 6px; }
.declined { font-style: normal; margin: 0 0 6px; }
.closest { font-size: 13px; color: var(--citeqa-muted); margin: 6px 0 2px; }
ol.passages { margin: 4px 0 0; padding-left: 0; list-style: none; display: flex; flex-direction: column; gap: 8px; }
.passage-number { font-weight: 700; margin-right: 4px; }
mark { background: var(--citeqa-mark); color: var(--citeqa-mark-fg); border-radius: 2px; }
.cite { display: block; font-size: 13px; color: var(--citeqa-muted); margin-top: 2px; }
.cite a { color: inherit; }
.context { font-size: 13px; color: var(--citeqa-muted); margin-top: 4px; }
.actions { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
.actions button { font-size: 13px; padding: 4px 8px; }
.actions button[aria-pressed="true"] { background: var(--citeqa-accent); color: #fff; border-color: var(--citeqa-accent); }
.searching { color: var(--citeqa-muted); font-style: italic; }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 12px 8px; }
.suggestions button { font-size: 13px; }
form { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--citeqa-border); }
textarea {
  flex: 1; resize: none; min-height: 44px; max-height: 140px; padding: 10px;
  font-size: 16px; /* below 16px, phones zoom into the field */
  border: 1px solid var(--citeqa-border); border-radius: 8px; background: var(--citeqa-bg); color: var(--citeqa-fg);
}
.send { border: 0; border-radius: 8px; padding: 0 16px; background: var(--citeqa-accent); color: #fff; font-weight: 600; cursor: pointer; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 600px) {
  :host(:not([data-mode="page"])) .panel {
    inset: 0; width: 100vw; height: var(--citeqa-viewport-height, 100dvh); border-radius: 0; border: 0; bottom: auto; right: auto; left: 0; top: 0;
  }
}
@media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s; } }
`;
