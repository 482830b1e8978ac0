/**
 * The bar bookkeeping of MidiTok's REMI and CPWord (`_add_time_events` and `_tokens_to_score`): the current bar
 * (−1 before the first), the tick it starts at, and the bar / tick of the last time-signature change.
 */
export class BarClock {
  currentBar = -1;
  tickAtCurrentBar = 0;
  barAtLastTs = 0;
  tickAtLastTs = 0;

  /** Index of the bar holding `tick`, bars of `ticksPerBar` ticks counted from the last time signature. */
  barAt(tick: number, ticksPerBar: number): number {
    return this.barAtLastTs + Math.floor((tick - this.tickAtLastTs) / ticksPerBar);
  }

  /** After a rest ending at `tick`: moves to the bar holding it when that is past the current bar. */
  catchUp(tick: number, ticksPerBar: number): void {
    const realBar = this.barAt(tick, ticksPerBar);
    if (realBar > this.currentBar) {
      if (this.currentBar === -1) this.currentBar = 0;
      this.tickAtCurrentBar += (realBar - this.currentBar) * ticksPerBar;
      this.currentBar = realBar;
    }
  }

  /** First tick of bar `index` (after the last time signature). */
  barTick(index: number, ticksPerBar: number): number {
    return this.tickAtLastTs + (index - this.barAtLastTs) * ticksPerBar;
  }

  /** Encoding: a time signature at `tick` (the bar count so far is kept with the previous bar length). */
  timeSignatureAt(tick: number, ticksPerBar: number): void {
    this.barAtLastTs = this.barAt(tick, ticksPerBar);
    this.tickAtLastTs = tick;
  }

  /** Decoding: a time-signature change at the start of the current bar. */
  timeSignatureAtCurrentBar(): void {
    this.tickAtLastTs = this.tickAtCurrentBar;
    this.barAtLastTs = this.currentBar;
  }
}
