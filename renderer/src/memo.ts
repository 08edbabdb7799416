// One-entry memos for derived state: the same inputs (by identity) give back the same value, the same reference, so a
// selector can feed zustand's hooks (which need a stable answer) and a view re-renders only when an input changed.

export function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { readonly args: A; readonly value: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((arg, i) => Object.is(arg, args[i]))) return last.value;
    const value = compute(...args);
    last = { args, value };
    return value;
  };
}
