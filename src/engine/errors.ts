/** Errors the engine raises; the protocol layer maps each to an error code. */

export interface ConfigurationProblem {
  /** The property path, in the one path style: `Exemptions[2].ExpiresOn`. */
  property: string;
  /** Why, never quoting a configured value that could be secret. */
  reason: string;
}

/**
 * The type configuration (hookModel) is invalid. `problems` lists every problem found (all are reported at
 * once); `property` and `reason` read as one sentence `property ${property} ${reason}` that names them all:
 * the first problem's property, then its reason followed by `; property X reason` for each further one.
 */
export class ConfigurationError extends Error {
  readonly problems: readonly ConfigurationProblem[];

  constructor(readonly property: string, readonly reason: string, problems?: readonly ConfigurationProblem[]) {
    super(`${property}: ${reason}`);
    this.name = 'ConfigurationError';
    this.problems = problems ?? [{ property, reason }];
  }

  /** One error for several problems (at least one). */
  static of(problems: readonly ConfigurationProblem[]): ConfigurationError {
    const [first, ...rest] = problems;
    const reason = first.reason + rest.map((p) => `; property ${p.property} ${p.reason}`).join('');
    return new ConfigurationError(first.property, reason, problems);
  }
}

/** A control's check threw: a bug. Carries the control ID so the answer can name it. */
export class ControlFailure extends Error {
  constructor(readonly controlId: string, readonly causeName: string) {
    super(`control ${controlId} failed internally (${causeName})`);
    this.name = 'ControlFailure';
  }
}
