/** Turns a list of items into one batch (torch `collate_fn`). */
export type Collator<T, B> = (samples: readonly T[]) => B;
