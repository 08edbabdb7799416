// Compile-time identity of two types, for checks that a schema and the contract type it stands for cannot drift.

/** `true` when A and B are the same type (an optional field in one and not the other counts), else `false`. */
export type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

/** Compiles only when T is `true`: `type Check = Assert<Same<A, B>>`. */
export type Assert<T extends true> = T;

/** Objects written out field by field (nested too), so two spellings of one shape compare equal; readonly is ignored. */
type Flat<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Flat<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Flat<T[K]> }
      : T;
