import { ValidationError } from '../errors.js';

/** Runs `fn` and returns the ValidationError it throws (fails the test when it throws nothing else). */
export function thrownValidationError(fn: () => void): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
