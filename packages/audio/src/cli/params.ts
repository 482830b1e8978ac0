import { ConfigError } from '@mirkit/core';

/** Typed access to the `--params` JSON object, with librosa-style names and clear errors. */
export class Params {
  readonly #values: Record<string, unknown>;
  readonly #used = new Set<string>();
  readonly #op: string;

  constructor(op: string, json: string | undefined) {
    this.#op = op;
    if (json === undefined) {
      this.#values = {};
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (cause) {
      throw new ConfigError('ERR_INVALID_OPTION', `audio ${op}: --params is not valid JSON (${(cause as Error).message})`, { cause });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError('ERR_INVALID_OPTION', `audio ${op}: --params should be a JSON object, but got ${json}`);
    }
    this.#values = parsed as Record<string, unknown>;
  }

  #get(name: string): unknown {
    this.#used.add(name);
    return this.#values[name];
  }

  number(name: string, fallback: number): number;
  number(name: string, fallback?: number): number | undefined;
  number(name: string, fallback?: number): number | undefined {
    const v = this.#get(name);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError('ERR_INVALID_OPTION', `audio ${this.#op}: params.${name} should be a number, but got ${JSON.stringify(v)}`);
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.#get(name);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw new ConfigError('ERR_INVALID_OPTION', `audio ${this.#op}: params.${name} should be true or false, but got ${JSON.stringify(v)}`);
    return v;
  }

  choice<T extends string>(name: string, options: readonly T[], fallback: T): T;
  choice<T extends string>(name: string, options: readonly T[], fallback: T | null): T | null;
  choice<T extends string>(name: string, options: readonly T[], fallback: T | null): T | null {
    const v = this.#get(name);
    if (v === undefined) return fallback;
    if (v === null && fallback === null) return null;
    if (typeof v !== 'string' || !options.includes(v as T)) {
      throw new ConfigError('ERR_INVALID_OPTION', `audio ${this.#op}: params.${name} should be one of ${options.join(', ')}, but got ${JSON.stringify(v)}`);
    }
    return v as T;
  }

  numbers(name: string, fallback: number[]): number[] {
    const v = this.#get(name);
    if (v === undefined || v === null) return fallback;
    if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'number' || !(x > 0))) {
      throw new ConfigError('ERR_INVALID_OPTION', `audio ${this.#op}: params.${name} should be a non-empty array of positive numbers, but got ${JSON.stringify(v)}`);
    }
    return v as number[];
  }

  /** Throws on keys that no option read (typos). */
  assertAllUsed(): void {
    const unknown = Object.keys(this.#values).filter((k) => !this.#used.has(k));
    if (unknown.length > 0) {
      throw new ConfigError('ERR_INVALID_OPTION', `audio ${this.#op}: unknown params ${unknown.join(', ')} (known: ${[...this.#used].join(', ')})`);
    }
  }
}
