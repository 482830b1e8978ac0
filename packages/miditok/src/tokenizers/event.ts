/** One MidiTok event (`miditok.Event`): becomes the token `"<type>_<value>"`. */
export interface Event {
  type: string;
  /** Already formatted value (`"60"`, `"1.0.8"`, `"121.29"`, `"None"`). */
  value: string;
  time: number;
  /** Program of the event (−1 for drums), or `undefined` for global events. */
  program: number | undefined;
  /** Extra number MidiTok stores in `desc`: the note end for pitch events. */
  desc: number;
}

export function ev(type: string, value: string | number, time: number, program?: number, desc = 0): Event {
  return { type, value: typeof value === 'number' ? String(value) : value, time, program, desc };
}

export function eventToken(e: Event): string {
  return `${e.type}_${e.value}`;
}

/** Stable sort of events by time (Python's `list.sort(key=lambda e: e.time)`). */
export function sortEventsByTime(events: Event[]): void {
  events.sort((a, b) => a.time - b.time);
}
