/** answer, pre_answer, ring_ready: the answer-state applications. */
import { answer, preAnswer, ringReady } from '../channel/lifecycle.js';
import type { AppDef } from './registry.js';

export const answerApps: readonly AppDef[] = [
  {
    name: 'answer',
    run: ({ ch }) => {
      answer(ch);
      return Promise.resolve();
    },
  },
  {
    name: 'pre_answer',
    run: ({ ch }) => {
      preAnswer(ch);
      return Promise.resolve();
    },
  },
  {
    name: 'ring_ready',
    run: ({ ch }) => {
      ringReady(ch);
      return Promise.resolve();
    },
  },
];
