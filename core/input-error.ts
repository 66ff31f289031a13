/**
 * The one error type of the domain core: bad input (an amount, a date, a schedule, a vote file…).
 * Its `message` is one plain English sentence, as the tasks print it; `zh` is the same sentence in
 * Chinese, for the portal.
 */

/** Bad input to a core function. `message` is one English sentence; `zh` the Chinese one. */
export class CoreInputError extends Error {
  /** The same sentence in Chinese. */
  readonly zh: string;

  /**
   * @param message one plain English sentence saying what is wrong and how to write it instead
   * @param zh the same sentence in Chinese
   */
  constructor(message: string, zh: string) {
    super(message);
    this.name = "CoreInputError";
    this.zh = zh;
  }
}
