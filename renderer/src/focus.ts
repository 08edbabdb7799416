// Where focus goes when the control the user acted on is gone or cannot take it: to what the action produced, once the
// view has rendered it. The few places it can go are named here, so views agree on them.

/** Focuses what `find` gives once the current render is on screen. */
export function focusSoon(find: () => HTMLElement | null | undefined): void {
  setTimeout(() => find()?.focus(), 0);
}

/** The list's current row (its roving focus), or else the Refresh button. */
export function listOrRefresh(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('.bot-list input[tabindex="0"]') ?? document.querySelector<HTMLElement>('[data-focus="refresh"]')
  );
}

/** Whether the user is busy elsewhere (typing in a field, or in a dialog): then focus is not moved for them. */
export function userBusyElsewhere(): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return false;
  return active.closest('dialog') !== null || active.matches('input:not([type="checkbox"]), textarea, select');
}
