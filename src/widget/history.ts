/**
 * The conversation as the widget keeps it across reloads, in sessionStorage,
 * localStorage or nowhere, as the page chose. Nothing about the person is stored: only
 * the questions asked and the answers shown.
 */
import type { AnswerReply } from '../client';
import type { StorageKind } from './options';

export type Entry =
  | { readonly kind: 'question'; readonly text: string; readonly at: number }
  | { readonly kind: 'answer'; readonly answer: AnswerReply; readonly at: number }
  | { readonly kind: 'notice'; readonly text: string; readonly at: number };

/** Most entries kept: older ones are dropped first. */
const MAX_ENTRIES = 100;

export class History {
  private readonly store: Storage | undefined;
  private readonly key: string;

  constructor(kind: StorageKind, origin: string) {
    this.key = `citeqa:history:${origin}`;
    this.store = storageOf(kind);
  }

  load(): Entry[] {
    if (!this.store) return [];
    try {
      const data: unknown = JSON.parse(this.store.getItem(this.key) ?? '[]');
      return Array.isArray(data) ? (data.filter(isEntry) as Entry[]) : [];
    } catch {
      return [];
    }
  }

  save(entries: readonly Entry[]): void {
    try {
      this.store?.setItem(this.key, JSON.stringify(entries.slice(-MAX_ENTRIES)));
    } catch {
      // Storage full or refused: the conversation still works, it just will not survive a reload.
    }
  }

  clear(): void {
    try {
      this.store?.removeItem(this.key);
    } catch {
      // As above.
    }
  }
}

function storageOf(kind: StorageKind): Storage | undefined {
  try {
    if (kind === 'local') return window.localStorage;
    if (kind === 'session') return window.sessionStorage;
  } catch {
    // Storage disabled (privacy settings, sandboxed frame).
  }
  return undefined;
}

function isEntry(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as { kind?: unknown; at?: unknown; text?: unknown; answer?: unknown };
  if (typeof entry.at !== 'number') return false;
  if (entry.kind === 'question' || entry.kind === 'notice') return typeof entry.text === 'string';
  return entry.kind === 'answer' && entry.answer !== null && typeof entry.answer === 'object' && Array.isArray((entry.answer as { passages?: unknown }).passages);
}
