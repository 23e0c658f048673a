import { eventNames, type EventMap, type EventName } from '../../shared/api';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** A small typed event bus; shells subscribe to forward pushes to the renderer. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch {
        // A broken subscriber (e.g. a closed SSE stream) must not break the core.
      }
    }
  }

  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const offs = eventNames.map((e) => this.on(e, (p) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }
}
