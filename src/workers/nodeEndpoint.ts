import type { Endpoint } from 'comlink';
import type { MessagePort as NodeMessagePort, Worker as NodeWorker } from 'node:worker_threads';

type Listener = EventListenerOrEventListenerObject;

/**
 * Adapts a worker_threads Worker or MessagePort (EventEmitter with 'message'
 * events carrying the data itself) to the DOM-style Endpoint comlink expects.
 */
export function toEndpoint(target: NodeWorker | NodeMessagePort): Endpoint {
  const wrapped = new Map<Listener, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => target.postMessage(message, transfer as never),
    addEventListener(_type: string, listener: Listener) {
      const handler = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, handler);
      target.on('message', handler);
    },
    removeEventListener(_type: string, listener: Listener) {
      const handler = wrapped.get(listener);
      if (!handler) return;
      target.off('message', handler);
      wrapped.delete(listener);
    },
    start: () => (target as NodeMessagePort).start?.(),
  };
}
