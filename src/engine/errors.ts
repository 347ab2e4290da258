/** Errors the engine raises; the protocol layer maps each to an error code. */

/** The type configuration (hookModel) is invalid. `property` names the offending property. */
export class ConfigurationError extends Error {
  constructor(readonly property: string, readonly reason: string) {
    super(`${property}: ${reason}`);
    this.name = 'ConfigurationError';
  }
}

/** A control's check threw: a bug. Carries the control ID so the answer can name it. */
export class ControlFailure extends Error {
  constructor(readonly controlId: string, readonly causeName: string) {
    super(`control ${controlId} failed internally (${causeName})`);
    this.name = 'ControlFailure';
  }
}
