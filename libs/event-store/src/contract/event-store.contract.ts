import { afterEach, beforeEach, describe } from 'vitest';
import { appendCases } from './append.cases.js';
import type { ContractFixture, ContractFixtureFactory, ContractFixtureOptions } from './fixture.js';
import { readCases } from './read.cases.js';
import { subscribeCases } from './subscribe.cases.js';
import { validationCases } from './validation.cases.js';

/** What each group of cases gets: the current test's fixture, and more when a case needs them. */
export interface ContractContext {
  /** The fixture of the running test (fresh and empty). */
  fixture(): ContractFixture;
  /** Another fresh fixture for this test (disposed with it), e.g. with another registry. */
  open(options?: ContractFixtureOptions): Promise<ContractFixture>;
}

/**
 * The behaviour every EventStore adapter must show (DESIGN §3), as one vitest `describe` block. Each
 * adapter's `*.int.test.ts` calls it with a factory of fresh, empty fixtures; pass `skip` (the
 * reason) when the adapter's backing service is not available, and the block shows as skipped.
 */
export function describeEventStoreContract(
  adapterName: string,
  factory: ContractFixtureFactory,
  options: { skip?: string } = {},
): void {
  if (options.skip !== undefined) {
    describe.skip(`EventStore contract: ${adapterName} (skipped: ${options.skip})`, () => {
      appendCases(unavailable);
      readCases(unavailable);
      subscribeCases(unavailable);
      validationCases(unavailable);
    });
    return;
  }
  describe(`EventStore contract: ${adapterName}`, { timeout: 60_000 }, () => {
    let current: ContractFixture | undefined;
    let extra: ContractFixture[] = [];
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const all = [...extra, ...(current ? [current] : [])];
      extra = [];
      current = undefined;
      await Promise.all(all.map((f) => f.dispose()));
    });
    const ctx: ContractContext = {
      fixture: () => {
        if (!current) throw new Error('no fixture: the factory failed');
        return current;
      },
      open: async (fixtureOptions) => {
        const f = await factory(fixtureOptions);
        extra.push(f);
        return f;
      },
    };
    appendCases(ctx);
    readCases(ctx);
    subscribeCases(ctx);
    validationCases(ctx);
  });
}

// Registered but never run (describe.skip): the cases are listed under the skipped block.
const unavailable: ContractContext = {
  fixture: () => {
    throw new Error('skipped');
  },
  open: () => Promise.reject(new Error('skipped')),
};
