/**
 * What the widget tells the reader about its connection, status by status.
 */
import type { ClientStatus } from '../client';

/**
 * The client's statuses. `refused`: the service closed the connection because the page's
 * origin is not among its allowed origins (close code 4003), and the client gave up rather
 * than retry what would be refused again.
 */
export type ShownStatus = ClientStatus;

const STATUS_TEXT: Readonly<Record<ShownStatus, string>> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Connection lost. Reconnecting… Questions you ask will be sent when it is back.',
  closed: 'Disconnected. Reload the page to try again.',
  refused: 'This site is not allowed to use this service, so questions cannot be asked here.',
};

export function statusText(status: ShownStatus): string {
  return STATUS_TEXT[status];
}

/** Whether questions can still reach the service: not once it refused this page. */
export function canAsk(status: ShownStatus): boolean {
  return status !== 'refused';
}
