/** Train / valid partition of a list. */
export interface TrainValidSplit<T> {
  train: T[];
  valid: T[];
  trainIndices: number[];
  validIndices: number[];
}

/**
 * The tutorial's split (auto-tagging and MPE notebooks): item `i` goes to **valid when `i % 5 == 0`**, else to
 * train, over the given order (`collection.entry` order). For the MPE frame mode, filter the entries first.
 */
export function trainValidSplit<T>(items: readonly T[]): TrainValidSplit<T> {
  const split: TrainValidSplit<T> = { train: [], valid: [], trainIndices: [], validIndices: [] };
  items.forEach((item, i) => {
    if (i % 5 === 0) {
      split.valid.push(item);
      split.validIndices.push(i);
    } else {
      split.train.push(item);
      split.trainIndices.push(i);
    }
  });
  return split;
}
