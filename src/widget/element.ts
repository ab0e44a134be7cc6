/**
 * <citeqa-chat>: the chat widget. A custom element with a shadow root, so the page's CSS
 * does not reach in and the widget's does not leak out.
 *
 *   [Ask about the articles]  <- launcher (floating mode)
 *   +--------------------------------------+
 *   | Title           [New] [Close]        |  header
 *   | Reconnecting...                      |  status, when not connected
 *   | 10:02  How long did the meeting...   |  log (role=log): questions and answers
 *   | 10:02  about an hour  [1] ... [2] ...|
 *   | (suggested questions)                |
 *   | [ textarea                  ] [Ask]  |
 *   +--------------------------------------+
 */
import { CiteqaClient, CiteqaClientError, type AnswerReply } from '../client';
import { History, type Entry } from './history';
import type { WidgetOptions } from './options';
import { answerAsText, answerElement, el, timeElement } from './render';
import { canAsk, statusText, type ShownStatus } from './status';
import { STYLES } from './styles';

/** How long a question may wait for an answer, including while the connection is down. */
const ASK_TIMEOUT_MS = 5 * 60_000;

export class CiteqaChat extends HTMLElement {
  private options: WidgetOptions | undefined;
  private client: CiteqaClient | undefined;
  private history: History | undefined;
  private entries: Entry[] = [];
  private status: ShownStatus = 'connecting';
  private readonly shadow: ShadowRoot;
  private readonly parts: {
    launcher: HTMLButtonElement;
    panel: HTMLElement;
    title: HTMLHeadingElement;
    status: HTMLElement;
    log: HTMLElement;
    suggestions: HTMLElement;
    form: HTMLFormElement;
    input: HTMLTextAreaElement;
    send: HTMLButtonElement;
    closeButton: HTMLButtonElement;
    newButton: HTMLButtonElement;
  };

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    this.shadow.adoptedStyleSheets = [sheet];

    const panelId = 'citeqa-panel';
    const title = el('h2', { id: 'citeqa-title' });
    const closeButton = el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close the chat' }, ['Close']);
    const newButton = el('button', { type: 'button', class: 'icon-button' }, ['New conversation']);
    const status = el('div', { class: 'status', role: 'status', 'data-state': 'connecting' }, [statusText('connecting')]);
    const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation', tabindex: '0' });
    const suggestions = el('div', { class: 'suggestions', role: 'group', 'aria-label': 'Suggested questions' });
    const input = el('textarea', { rows: '1', 'aria-label': 'Your question', maxlength: '1000', enterkeyhint: 'send' });
    const send = el('button', { type: 'submit', class: 'send' }, ['Ask']);
    const form = el('form', {}, [input, send]);
    const panel = el('section', { class: 'panel', id: panelId, role: 'dialog', 'aria-labelledby': 'citeqa-title', hidden: '' }, [
      el('header', {}, [title, newButton, closeButton]),
      status,
      log,
      suggestions,
      form,
    ]);
    const launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId });
    this.shadow.append(launcher, panel);
    this.parts = { launcher, panel, title, status, log, suggestions, form, input, send, closeButton, newButton };

    launcher.addEventListener('click', () => (panel.hidden ? this.open() : this.close()));
    closeButton.addEventListener('click', () => this.close());
    newButton.addEventListener('click', () => void this.newConversation());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener('keydown', (event) => {
      // Enter asks; Shift+Enter makes a new line.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    let typing: ReturnType<typeof setTimeout> | undefined;
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => void this.suggestWhileTyping(), 150);
    });
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.options?.mode !== 'page') {
        event.preventDefault();
        this.close();
      }
    });
  }

  /** Sets the options; call once, before the element is added to the page. */
  configure(options: WidgetOptions): void {
    this.options = options;
  }

  connectedCallback(): void {
    const options = this.options;
    if (!options || this.client) return;
    this.dataset.theme = options.theme === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : options.theme;
    this.dataset.position = options.position;
    this.dataset.mode = options.mode;
    this.style.setProperty('--citeqa-accent', options.accent);
    this.parts.title.textContent = options.title;
    this.parts.launcher.textContent = options.title;
    this.parts.input.placeholder = options.placeholder;
    if (options.mode === 'page') {
      this.parts.launcher.hidden = true;
      this.parts.closeButton.hidden = true;
      this.parts.panel.setAttribute('role', 'region');
    }
    this.followViewport();

    this.history = new History(options.storage, options.origin);
    this.entries = this.history.load();
    for (const entry of this.entries) this.parts.log.append(this.entryElement(entry));
    this.client = CiteqaClient.open(options.server, { onStatus: (status) => this.showStatus(status), timeoutMs: ASK_TIMEOUT_MS });
    void this.loadSuggestions();
    if (options.open || options.mode === 'page') this.open();
  }

  disconnectedCallback(): void {
    this.client?.close();
    this.client = undefined;
  }

  open(): void {
    const { panel, launcher, input, log } = this.parts;
    if (!panel.hidden) return;
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    log.scrollTop = log.scrollHeight;
    if (this.options?.mode !== 'page' || this.options.open) input.focus();
    this.emit('citeqa:opened', {});
  }

  close(): void {
    const { panel, launcher } = this.parts;
    if (panel.hidden || this.options?.mode === 'page') return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
    this.emit('citeqa:closed', {});
  }

  /** Asks `question` as if typed, opening the panel. */
  async ask(question: string): Promise<void> {
    const text = question.trim().slice(0, 1000);
    const client = this.client;
    if (text === '' || !client || !this.options) return;
    this.open();
    if (!canAsk(this.status)) return;
    this.add({ kind: 'question', text, at: Date.now() });
    this.parts.suggestions.replaceChildren();
    const searching = el('div', { class: 'entry searching', 'aria-hidden': 'true' }, ['Searching the articles…']);
    this.parts.log.append(searching);
    this.scrollToEnd();
    try {
      const answer = await client.ask(text, { timeoutMs: ASK_TIMEOUT_MS });
      searching.remove();
      this.add({ kind: 'answer', answer, at: Date.now() });
      this.emit('citeqa:answered', { question: text, answered: answer.answered });
    } catch (error) {
      searching.remove();
      this.add({ kind: 'notice', text: canAsk(this.status) ? friendlyError(error) : statusText(this.status), at: Date.now() });
    }
  }

  private submit(): void {
    const { input } = this.parts;
    const question = input.value;
    if (question.trim() === '') return;
    input.value = '';
    void this.ask(question);
  }

  private async newConversation(): Promise<void> {
    this.entries = [];
    this.history?.clear();
    this.parts.log.replaceChildren();
    void this.loadSuggestions();
    this.parts.input.focus();
    try {
      await this.client?.reset({ timeoutMs: ASK_TIMEOUT_MS });
    } catch {
      // A new connection starts a new conversation anyway.
    }
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
    this.history?.save(this.entries);
    const element = this.entryElement(entry);
    this.parts.log.append(element);
    // An answer is read from its top; anything else keeps the newest line in view.
    if (entry.kind === 'answer') this.parts.log.scrollTop = element.offsetTop - this.parts.log.offsetTop - 8;
    else this.scrollToEnd();
  }

  private entryElement(entry: Entry): HTMLElement {
    const origin = this.options?.origin ?? location.origin;
    switch (entry.kind) {
      case 'question':
        return el('div', { class: 'entry question' }, [timeElement(entry.at), el('span', { class: 'visually-hidden' }, ['You asked: ']), entry.text]);
      case 'notice':
        return el('div', { class: 'entry answer' }, [timeElement(entry.at), entry.text]);
      case 'answer':
        return el('article', { class: 'entry answer', 'aria-label': `Answer to: ${entry.answer.question}` }, [
          timeElement(entry.at),
          answerElement(entry.answer, origin),
          this.actions(entry.answer, origin),
        ]);
      default: {
        const unknown: never = entry;
        return el('div', {}, [String(unknown)]);
      }
    }
  }

  private actions(answer: AnswerReply, origin: string): HTMLElement {
    const copy = el('button', { type: 'button', class: 'icon-button' }, ['Copy']);
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(answerAsText(answer, origin)).then(
        () => (copy.textContent = 'Copied'),
        () => (copy.textContent = 'Copy failed'),
      );
    });
    const rate = (rating: 'up' | 'down', label: string) => {
      const button = el('button', { type: 'button', class: 'icon-button', 'aria-pressed': 'false' }, [label]);
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-pressed') === 'true') return;
        for (const other of button.parentElement?.querySelectorAll('[aria-pressed]') ?? []) other.setAttribute('aria-pressed', 'false');
        button.setAttribute('aria-pressed', 'true');
        const first = answer.passages[0]?.citation;
        void this.client
          ?.feedback({ rating, question: answer.question, ...(first ? { doc: first.doc, sentence: first.sentence } : {}) })
          .catch(() => undefined); // feedback is best effort: the reader is not bothered with failures
      });
      return button;
    };
    return el('div', { class: 'actions' }, [copy, rate('up', 'Helpful'), rate('down', 'Not helpful')]);
  }

  /** Completions of what is being typed, shown as buttons under the input. */
  private async suggestWhileTyping(): Promise<void> {
    const prefix = this.parts.input.value;
    const client = this.client;
    if (!client || client.connectionStatus !== 'open' || prefix.trim().length < 2) {
      if (this.entries.length > 0) this.parts.suggestions.replaceChildren();
      return;
    }
    try {
      const suggestions = await client.suggest(prefix.slice(0, 200), { timeoutMs: 2000 });
      if (this.parts.input.value !== prefix) return; // typed on meanwhile
      this.parts.suggestions.replaceChildren(
        ...suggestions.slice(0, 4).map((suggestion) => {
          const button = el('button', { type: 'button', class: 'icon-button' }, [suggestion]);
          button.addEventListener('click', () => {
            this.parts.input.value = `${suggestion} `;
            this.parts.input.focus();
          });
          return button;
        }),
      );
    } catch {
      // Suggestions are a convenience.
    }
  }

  private async loadSuggestions(): Promise<void> {
    const origin = this.options?.origin;
    if (!origin || this.entries.length > 0) return;
    try {
      const response = await fetch(new URL('/api/suggestions', origin), { credentials: 'omit' });
      const data = (await response.json()) as { questions?: unknown };
      const questions = Array.isArray(data.questions) ? data.questions.filter((q): q is string => typeof q === 'string').slice(0, 4) : [];
      if (this.entries.length > 0) return;
      this.parts.suggestions.replaceChildren(
        ...questions.map((question) => {
          const button = el('button', { type: 'button', class: 'icon-button' }, [question]);
          button.addEventListener('click', () => void this.ask(question));
          return button;
        }),
      );
    } catch {
      // Suggestions are a convenience: without them the widget works the same.
    }
  }

  private showStatus(status: ShownStatus): void {
    this.status = status;
    this.parts.status.dataset.state = status;
    this.parts.status.textContent = statusText(status);
    if (canAsk(status)) return;
    // Every question would be refused too: say so once, where the reader would type.
    this.parts.input.disabled = true;
    this.parts.send.disabled = true;
    this.parts.suggestions.replaceChildren();
  }

  private scrollToEnd(): void {
    this.parts.log.scrollTop = this.parts.log.scrollHeight;
  }

  /** On phones, keeps the panel (and so the input) above the on-screen keyboard. */
  private followViewport(): void {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const update = () => this.style.setProperty('--citeqa-viewport-height', `${viewport.height}px`);
    viewport.addEventListener('resize', update);
    update();
  }

  private emit(name: string, detail: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

/** What a reader is told when a question fails: never a raw error. */
function friendlyError(error: unknown): string {
  const code = error instanceof CiteqaClientError ? error.code : 'internal';
  if (code === 'bad_request') return 'That question could not be read. Try rephrasing it (at most 1,000 characters).';
  if (code === 'timeout' || code === 'closed' || code === 'unreachable') return 'The service could not be reached. Try again in a moment.';
  if (code === 'origin_not_allowed') return statusText('refused');
  if (code === 'unsupported_protocol') return 'This page uses another version of the service than the one answering. Reload the page.';
  if (code === 'protocol_error') return 'The service sent a reply this page cannot read. Reload the page.';
  return 'Something went wrong answering that. Try again in a moment.';
}
