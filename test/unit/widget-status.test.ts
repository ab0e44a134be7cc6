import { canAsk, statusText, type ShownStatus } from '../../src/widget/status';

describe('the widget status line', () => {
  it('tells the reader of a page the service refuses that the site is not allowed, not that it is reconnecting', () => {
    expect(statusText('refused')).toBe('This site is not allowed to use this service, so questions cannot be asked here.');
    expect(statusText('refused')).not.toMatch(/reconnect/i);
    expect(canAsk('refused')).toBe(false);
  });

  it.each<[ShownStatus, RegExp]>([
    ['connecting', /^Connecting/],
    ['open', /^Connected$/],
    ['reconnecting', /^Connection lost\. Reconnecting/],
    ['closed', /^Disconnected/],
  ])('%s: %s, and questions may still be asked', (status, text) => {
    expect(statusText(status)).toMatch(text);
    expect(canAsk(status)).toBe(true);
  });
});
