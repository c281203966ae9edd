/** One broken rule of an input, as a generated validator reports it. */
export interface ValidationIssue {
  /** Field path as the user wrote it: `Backups[0].InstanceId`, or `` for the input itself. */
  readonly path: string;
  readonly message: string;
  /**
   * Set on a member the spec does not know (`PageSzie`). The server may know members the SDK does not,
   * so the client only logs a warning for these, unless the client's `strictMembers` is on.
   */
  readonly unknownMember?: true;
  /**
   * Set on a note rather than a broken rule: a value outside the list of values the spec suggests (an
   * enum nobody confirmed is complete). The client logs it as a warning and sends the call; it is never
   * part of a `VolcValidationError`.
   */
  readonly warning?: true;
}
