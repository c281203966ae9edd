/**
 * Which rule an input broke, for code that reacts to an issue (a form that marks a field, a retry that
 * fills a default) without parsing its message. Named after the JSON Schema keyword the spec states the
 * rule with, where there is one:
 *
 * - `required`: the member is missing, whether always required (`required`), required because another
 *   member is set (`dependentRequired`) or because of other members' values (`if`/`then`); the message
 *   says which;
 * - `type`: not a string, finite number, integer, boolean, object or array as declared;
 * - `format`: a string that is not a time as `format: date-time` asks;
 * - `enum`: not one of the declared values (with `warning`: not one of the values the spec suggests);
 * - `minLength`, `maxLength` (characters), `minBytes`, `maxBytes` (UTF-8 bytes), `pattern`;
 * - `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`;
 * - `minItems`, `maxItems`, `uniqueItems`;
 * - `greaterThan`: not later (or larger) than the member named in the message (`x-volc-greater-than`);
 * - `unknownMember`: a member the spec does not declare (`unknownMember` is set too);
 * - `prototypeName`: an undeclared member named `__proto__`, `constructor` or `prototype`, never sent;
 * - `encoding`: a string UTF-8 cannot encode (a lone surrogate).
 */
export type ValidationRule =
  | 'required'
  | 'type'
  | 'format'
  | 'enum'
  | 'minLength'
  | 'maxLength'
  | 'minBytes'
  | 'maxBytes'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'minItems'
  | 'maxItems'
  | 'uniqueItems'
  | 'greaterThan'
  | 'unknownMember'
  | 'prototypeName'
  | 'encoding';

/** One broken rule of an input, as a generated validator reports it. */
export interface ValidationIssue {
  /** Field path as the user wrote it: `Backups[0].InstanceId`, or `` for the input itself. */
  readonly path: string;
  /** The rule broken, machine-readable; `message` says it in words, with the value. */
  readonly rule: ValidationRule;
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

/**
 * A generated validator (`validateDescribeXRequest`): checks an input against every rule of its shape in
 * the spec and sends nothing. Returns the broken rules with their field paths; empty when valid.
 */
export type Validator = (input: unknown) => ValidationIssue[];
