import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ConfigError, describeError, type Command } from '@mirkit/core';
import { downbeatTimes, readBeatsFile } from '../annotations/parse-beats.js';
import { beatEvaluate } from '../metrics/evaluate.js';

const USAGE = `Usage: mirkit beatnet evaluate <reference.beats> <estimate.beats> [--downbeats] [--min-beat-time <s>] [--json]

Scores an estimated beat sequence against a reference with the mir_eval beat metrics (beats before
--min-beat-time, default 5 s, are ignored). With --downbeats, only beats numbered 1 are compared.`;

/** `mirkit beatnet evaluate`: mir_eval beat metrics of two `.beats` files. */
export function createEvaluateCommand(): Command {
  return {
    summary: 'mir_eval beat metrics of an estimate .beats file against a reference',
    usage: USAGE,
    async run(context) {
      let parsed;
      try {
        parsed = parseArgs({
          args: [...context.argv],
          allowPositionals: true,
          options: { downbeats: { type: 'boolean', default: false }, 'min-beat-time': { type: 'string' } },
        });
      } catch (error) {
        throw new ConfigError('ERR_INVALID_OPTION', `${describeError(error)}\n${USAGE}`, { cause: error });
      }
      const [refPath, estPath, ...extra] = parsed.positionals;
      if (!refPath || !estPath || extra.length > 0) {
        throw new ConfigError('ERR_INVALID_OPTION', `Expected two files (reference, estimate), got ${parsed.positionals.length}\n${USAGE}`);
      }
      const minText = parsed.values['min-beat-time'];
      const minBeatTime = minText === undefined ? 5 : Number(minText);
      if (!Number.isFinite(minBeatTime)) throw new ConfigError('ERR_INVALID_OPTION', `--min-beat-time should be a number of seconds, got '${minText}'`);
      const [reference, estimate] = await Promise.all([readBeatsFile(resolve(context.cwd, refPath)), readBeatsFile(resolve(context.cwd, estPath))]);
      const pick = parsed.values.downbeats ? downbeatTimes : (a: typeof reference) => a.times;
      if (parsed.values.downbeats && (!reference.hasDownbeats || !estimate.hasDownbeats)) {
        throw new ConfigError('ERR_INVALID_OPTION', `--downbeats needs beat numbers in both files (${!reference.hasDownbeats ? refPath : estPath} has times only)`);
      }
      const scores = beatEvaluate(pick(reference), pick(estimate), { minBeatTime });
      if (context.json) context.stdout.write(`${JSON.stringify(scores)}\n`);
      else for (const [name, value] of Object.entries(scores)) context.stdout.write(`${name.padEnd(32)} ${value.toFixed(6)}\n`);
      return 0;
    },
  };
}
