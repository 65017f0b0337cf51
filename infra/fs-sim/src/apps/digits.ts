/**
 * read and play_and_get_digits argument handling as mod_dptools does it; the result is only in channel
 * variables (Application-Response stays _none_).
 * read <min> <max> <file> <var> <timeout> <terminators> [digit_timeout]
 * play_and_get_digits <min> <max> <tries> <timeout> <terminators> <file> <invalid_file> <var> [regex]
 *   [digit_timeout] [transfer_on_failure]
 */
import { playAndGetDigits, ivrRead } from './ivr-read.js';
import type { AppDef } from './registry.js';
import { transferRoute } from './transfer.js';

const int = (s: string | undefined): number => Number.parseInt(s ?? '', 10) || 0;

export const digitApps: readonly AppDef[] = [
  {
    name: 'read',
    run: async ({ sim, ch, data }) => {
      const argv = data.split(' ');
      if (data.trim() === '') return;
      const min = Math.max(1, int(argv[0]));
      const terminators = argv[5] && argv[5] !== '' ? argv[5] : '#';
      await ivrRead(sim, ch, {
        min,
        max: Math.max(int(argv[1]), min),
        ...(argv[2] !== undefined ? { prompt: argv[2] } : {}),
        ...(argv[3] !== undefined ? { varName: argv[3] } : {}),
        timeout: Math.max(1000, int(argv[4])),
        terminators,
        digitTimeout: int(argv[6]),
      });
    },
  },
  {
    name: 'play_and_get_digits',
    run: async ({ sim, ch, data }) => {
      if (data.trim() === '') return;
      const argv = data.split(' ');
      // The 11th argument keeps the rest of the line ("ext dialplan context").
      const transfer = argv.length > 10 ? argv.slice(10).join(' ') : undefined;
      const min = Math.max(0, int(argv[0]));
      const ok = await playAndGetDigits(sim, ch, {
        min,
        max: Math.max(int(argv[1]), min),
        tries: int(argv[2]),
        timeout: Math.max(1000, int(argv[3])),
        terminators: argv[4] && argv[4] !== '' ? argv[4] : '#',
        ...(argv[5] !== undefined ? { prompt: argv[5] } : {}),
        ...(argv[6] !== undefined ? { invalidPrompt: argv[6] } : {}),
        ...(argv[7] !== undefined ? { varName: argv[7] } : {}),
        ...(argv[8] !== undefined && argv[8] !== '' ? { regex: argv[8] } : {}),
        digitTimeout: int(argv[9]),
      });
      if (!ok && transfer && ch.isUp) {
        const [ext = '', dialplan, context] = transfer.split(' ');
        ch.requestTransfer(transferRoute(ext, dialplan, context));
      }
    },
  },
];
