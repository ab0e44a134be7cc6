/**
 * The client's errors, as the tests meet them.
 */
import { CiteqaClientError } from '../src/client';

/** The CiteqaClientError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<CiteqaClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CiteqaClientError) return error;
    throw error;
  }
  throw new Error('expected a CiteqaClientError');
}
