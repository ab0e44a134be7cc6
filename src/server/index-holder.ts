/**
 * The index the service answers from. A reload replaces it whole (see service.ts); each
 * question reads it once, at its start, and is answered from that index alone.
 */
import type { SentenceIndex } from '../core/search-index';

export interface IndexHolder {
  index: SentenceIndex;
}
