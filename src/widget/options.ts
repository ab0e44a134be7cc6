/**
 * The widget's options, from the script tag's data-* attributes (or the element's own
 * attributes), each checked with a safe default.
 *
 *   <script src="https://qa.example.com/widget.js" data-server="wss://qa.example.com/ws"
 *           data-title="Ask the archive" data-accent="#b00020" data-theme="dark"
 *           data-position="bottom-left" data-open="true" data-placeholder="Your question"
 *           data-storage="local" defer></script>
 */
export type Theme = 'light' | 'dark' | 'auto';
export type Position = 'bottom-right' | 'bottom-left';
export type StorageKind = 'session' | 'local' | 'none';
/** floating: a launcher button and a panel; page: the chat fills its container (the service's own page). */
export type Mode = 'floating' | 'page';

export interface WidgetOptions {
  /** WebSocket URL of the service. */
  readonly server: string;
  /** The service's HTTP origin, that citation links point to. */
  readonly origin: string;
  readonly title: string;
  readonly accent: string;
  readonly theme: Theme;
  readonly position: Position;
  readonly open: boolean;
  readonly placeholder: string;
  readonly storage: StorageKind;
  readonly mode: Mode;
}

const pick = <T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/**
 * Options from `read(name)` (the value of data-<name>), with `scriptSrc` (where the widget
 * was loaded from) giving the default server: the same origin, at /ws.
 */
export function readOptions(read: (name: string) => string | null | undefined, scriptSrc: string, pageHref: string): WidgetOptions {
  const base = new URL(scriptSrc || pageHref, pageHref);
  const defaultServer = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/ws`;
  let server = defaultServer;
  const given = read('server');
  if (given) {
    try {
      const url = new URL(given, base);
      if (url.protocol === 'ws:' || url.protocol === 'wss:') server = url.href;
      else if (url.protocol === 'http:' || url.protocol === 'https:') server = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}${url.pathname === '/' ? '/ws' : url.pathname}`;
    } catch {
      // An unreadable URL: keep the default.
    }
  }
  const serverUrl = new URL(server);
  const accent = read('accent');
  return {
    server,
    origin: `${serverUrl.protocol === 'wss:' ? 'https:' : 'http:'}//${serverUrl.host}`,
    title: (read('title') ?? '').trim().slice(0, 80) || 'Ask about the articles',
    accent: accent && isColor(accent) ? accent : '#1f5fbf',
    theme: pick(read('theme'), ['light', 'dark', 'auto'] as const, 'auto'),
    position: pick(read('position'), ['bottom-right', 'bottom-left'] as const, 'bottom-right'),
    open: read('open') === 'true' || read('open') === '',
    placeholder: (read('placeholder') ?? '').trim().slice(0, 120) || 'Ask a question about the articles',
    storage: pick(read('storage'), ['session', 'local', 'none'] as const, 'session'),
    mode: pick(read('mode'), ['floating', 'page'] as const, 'floating'),
  };
}

/** A CSS color, and nothing that could break out of a declaration. */
function isColor(value: string): boolean {
  if (!/^[#a-zA-Z0-9(),.%\s-]{1,40}$/.test(value)) return false;
  return typeof CSS === 'undefined' || CSS.supports('color', value);
}
