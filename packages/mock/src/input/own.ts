/**
 * Names that reach an object's prototype machinery when used as keys: assigning `__proto__` replaces
 * the prototype, and `constructor.prototype` leads to a shared prototype. Input may use them only where
 * the schema declares a member by that name (see ./reserved.ts).
 */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets `key` as an own data property, even `__proto__` (plain assignment would replace the prototype). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The own member `key` of `target`; never one inherited from Object.prototype. */
export function getOwn<T>(target: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}
