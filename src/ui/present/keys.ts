/** Action of one key press while presenting. */
export type PresentationAction =
  | { kind: 'goto'; index: number }
  | { kind: 'leave' }
  | { kind: 'buffer' }
  /** Digits then Enter named a slide the deck does not have. */
  | { kind: 'no-such-slide'; number: number; count: number }
  | { kind: 'none' };

export interface KeyResult {
  action: PresentationAction;
  /** Digits typed so far for a jump ("12" then Enter goes to slide 12). */
  buffer: string;
  /** True when the key was used, so the browser's default (scrolling, for Space) is prevented. */
  handled: boolean;
}

const FORWARD = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar']);
const BACK = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/**
 * Maps a key to a presentation action. Right, Down, Page Down and Space go
 * forward, and Left, Up and Page Up go back (clickers send Page Up and Page Down).
 * Home and End go to the first and last slide. Digits then Enter jump to that
 * slide, or report that it does not exist. Backspace edits the digits, and
 * Escape clears them or, when there are none, leaves. Every other key does nothing.
 */
export function presentationKey(key: string, index: number, count: number, buffer: string): KeyResult {
  const clamp = (target: number) => Math.max(0, Math.min(count - 1, target));
  if (/^[0-9]$/.test(key)) {
    return { action: { kind: 'buffer' }, buffer: (buffer + key).slice(-4), handled: true };
  }
  if (key === 'Backspace' && buffer !== '') return { action: { kind: 'buffer' }, buffer: buffer.slice(0, -1), handled: true };
  if (key === 'Enter' && buffer !== '') {
    const number = Number(buffer);
    return number >= 1 && number <= count
      ? { action: { kind: 'goto', index: number - 1 }, buffer: '', handled: true }
      : { action: { kind: 'no-such-slide', number, count }, buffer: '', handled: true };
  }
  if (key === 'Escape') return buffer !== '' ? { action: { kind: 'buffer' }, buffer: '', handled: true } : { action: { kind: 'leave' }, buffer: '', handled: true };
  if (FORWARD.has(key)) return { action: { kind: 'goto', index: clamp(index + 1) }, buffer: '', handled: true };
  if (BACK.has(key)) return { action: { kind: 'goto', index: clamp(index - 1) }, buffer: '', handled: true };
  if (key === 'Home') return { action: { kind: 'goto', index: 0 }, buffer: '', handled: true };
  if (key === 'End') return { action: { kind: 'goto', index: clamp(count - 1) }, buffer: '', handled: true };
  return { action: { kind: 'none' }, buffer, handled: false };
}
