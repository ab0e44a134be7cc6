/**
 * widget.js: one script tag adds the chat to any page.
 *
 *   <script src="https://qa.example.com/widget.js" data-server="wss://qa.example.com/ws" defer></script>
 *
 * Also a JavaScript API: window.citeqa.open(), .close(), .ask(question); and DOM events
 * "citeqa:opened", "citeqa:closed", "citeqa:answered" (detail: {question, answered}),
 * which bubble to the document. With data-mode="page" the chat fills the element with
 * id "citeqa-root" (the service's own page).
 */
import { CiteqaChat } from './element';
import { readOptions } from './options';

declare global {
  interface Window {
    citeqa?: { open(): void; close(): void; ask(question: string): Promise<void>; element: CiteqaChat };
  }
}

/** Marks the page as having the widget (window.citeqa cannot: an element id="citeqa" also answers to it). */
const INSTALLED = Symbol.for('citeqa.widget');

function install(): void {
  const marked = window as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return; // included twice: one widget is enough
  marked[INSTALLED] = true;
  if (!customElements.get('citeqa-chat')) customElements.define('citeqa-chat', CiteqaChat);
  const script = document.currentScript as HTMLScriptElement | null;
  const options = readOptions((name) => script?.getAttribute(`data-${name}`), script?.src ?? '', location.href);
  const element = document.createElement('citeqa-chat') as CiteqaChat;
  element.configure(options);
  const mount = () => {
    const target = options.mode === 'page' ? document.getElementById('citeqa-root') : null;
    (target ?? document.body).append(element);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
  window.citeqa = {
    open: () => element.open(),
    close: () => element.close(),
    ask: (question) => element.ask(question),
    element,
  };
}

install();
