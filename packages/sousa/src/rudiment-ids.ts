import { ConfigError } from '@mirkit/core';
import { RUDIMENTS, type RudimentInfo } from './constants.js';
import type { RudimentCategory, RudimentSlug } from './types.js';

/**
 * The 40 slugs in alphabetical (code-point) order: the id of a slug is its position. This equals upstream's
 * `sorted(unique(slugs))` whenever all 40 rudiments are present (sousa.md §5.2, Q6).
 */
export const RUDIMENT_SLUGS: readonly RudimentSlug[] = Object.freeze(RUDIMENTS.map((r) => r.slug).sort());

const ID_BY_SLUG = new Map<string, number>(RUDIMENT_SLUGS.map((slug, id) => [slug, id]));
const INFO_BY_SLUG = new Map<string, RudimentInfo>(RUDIMENTS.map((r) => [r.slug, r]));

/** True for one of the 40 rudiment slugs. */
export function isRudimentSlug(value: unknown): value is RudimentSlug {
  return typeof value === 'string' && ID_BY_SLUG.has(value);
}

function unknownSlug(slug: string): ConfigError {
  return new ConfigError('ERR_INVALID_OPTION', `Unknown rudiment slug '${slug}'; expected one of ${RUDIMENT_SLUGS.join(', ')}`, {
    details: { slug },
  });
}

/** The fixed global id (0–39, alphabetical) of a slug. */
export function rudimentId(slug: string): number {
  const id = ID_BY_SLUG.get(slug);
  if (id === undefined) throw unknownSlug(slug);
  return id;
}

/** Slug, PAS number, category and name of a rudiment. */
export function rudimentInfo(slug: string): RudimentInfo {
  const info = INFO_BY_SLUG.get(slug);
  if (!info) throw unknownSlug(slug);
  return info;
}

/** PAS category of a slug (use this instead of substring filters, which miss `pataflafla`, Q20). */
export function categoryOf(slug: string): RudimentCategory {
  return rudimentInfo(slug).category;
}

/**
 * Upstream's split-dependent mapping (sousa.md L4): the sorted unique slugs present, mapped to 0..n−1.
 * Only for parity with upstream; prefer the fixed {@link rudimentId}.
 */
export function upstreamRudimentMapping(slugs: Iterable<string>): { rudiments: string[]; rudimentToId: Map<string, number> } {
  const rudiments = [...new Set(slugs)].sort();
  return { rudiments, rudimentToId: new Map(rudiments.map((slug, id) => [slug, id])) };
}
