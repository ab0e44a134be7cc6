/** Option parsers shared by the scripts' command lines (commander). */
import { InvalidArgumentError } from 'commander';

/** A parser of a whole number of at least `min`, refusing anything else with a message that says so. */
export const whole = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
  return n;
};
