// The windowed chatbot list as a table: column headers (select all, and Account, Nickname, Status to sort by, either
// way), one row per account side by side. The whole row is the target: click or Ctrl/Cmd-click toggles it, Shift-click
// selects a range, and its text is never selected as text. Arrow keys, Home/End and PageUp/PageDown move a roving
// focus that is never lost (the focused row is always rendered); Ctrl/Cmd+A selects all shown rows. Each row says its
// place in the whole list ("12 of 10,000"). Settled and protected rows cannot be selected.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from '../i18n';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import { useBots, useLockedRows, useSelection, useShownRows } from '../store/bots';
import { isSettled } from '../store/bots-derive';
import { BotListHeader } from './BotListHeader';
import { Icon } from './Icon';
import { useRowWindow } from './useRowWindow';

const ROW_HEIGHT = 34;

export function BotList() {
  const { t } = useTranslation();
  const shown = useShownRows();
  const selected = useSelection();
  const locked = useLockedRows();
  const status = useBots((state) => state.status);
  const pasted = useBots((state) => state.pasted);
  const nicknames = useBots((state) => state.nicknames);
  const total = useBots((state) => state.rows.length);
  const { toggle, selectAllShown } = useBots.getState();
  const listId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusWanted, setFocusIndex] = useState(0);
  // The roving focus stays on a row that exists when the list shrinks.
  const focusIndex = Math.min(focusWanted, Math.max(0, shown.length - 1));
  const { first, end, totalHeight, scrollToIndex } = useRowWindow(scrollRef, shown.length, ROW_HEIGHT, 12);

  /** Focuses the row's checkbox when it is in the DOM; true once it has the focus. */
  const focusRow = (index: number): boolean => {
    const input = scrollRef.current?.querySelector<HTMLInputElement>(`input[data-index="${index}"]`);
    if (!input) return false;
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    return document.activeElement === input;
  };
  // The row a key moved the focus to, until it has it. A focused row the window takes out of the DOM drops the focus
  // to the page; while the list holds the focus (nothing outside it was clicked or focused since), it goes back.
  const focusTarget = useRef<number | null>(null);
  const holdsFocus = useRef(false);
  useEffect(() => {
    const dropped = holdsFocus.current && document.activeElement === document.body;
    if (focusTarget.current === null && !dropped) return;
    if (focusRow(focusTarget.current ?? focusIndex)) focusTarget.current = null;
  });
  useEffect(() => {
    const outside = (event: Event) => {
      if (!scrollRef.current?.contains(event.target as Node)) holdsFocus.current = false;
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('focusin', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('focusin', outside, true);
    };
  }, []);

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    focusTarget.current = next;
    setFocusIndex(next);
    scrollToIndex(next);
    // The row may be rendered only a frame or two later, once the window has followed the scroll: keep trying.
    let frames = 10;
    const retry = () =>
      requestAnimationFrame(() => {
        if (focusTarget.current !== next) return;
        if (focusRow(next)) focusTarget.current = null;
        else if (--frames > 0) retry();
      });
    retry();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selectAllShown();
      return;
    }
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      PageDown: focusIndex + page,
      PageUp: focusIndex - page,
      Home: 0,
      End: shown.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveFocus(target);
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const account = shown[Math.max(0, Math.min(shown.length - 1, target))];
      if (account && !selected.has(account)) toggle(account);
    }
  };

  // A click anywhere on the row (its checkbox included: the click bubbles here) toggles it once; Shift makes a range.
  const onRowClick = (event: MouseEvent<HTMLDivElement>, index: number, account: string) => {
    toggle(account, { range: event.shiftKey });
    setFocusIndex(index);
    const input = event.currentTarget.querySelector('input');
    if (input && document.activeElement !== input) input.focus({ preventScroll: true });
  };

  if (!total) return null;
  const indexes: number[] = [];
  for (let index = first; index < end; index++) indexes.push(index);
  // The row that holds the focus stays in the DOM wherever the window is, so focus never falls to the page; in its place
  // in the order, so the DOM never moves it (a moved element loses the focus).
  if (shown.length && focusIndex < first) indexes.unshift(focusIndex);
  if (shown.length && focusIndex >= end) indexes.push(focusIndex);
  const rows = indexes.map((index) => {
    const account = shown[index]!;
    const state = status.get(account);
    const settled = isSettled(status, account);
    const isLocked = locked.has(account);
    const nickname = nicknames.get(account);
    // Each fact its own element, so a screen reader hears them apart: "Sales bot 2, protected, deleted".
    const id = `${listId}-${index}`;
    const facts = [nickname ? `${id}-n` : '', isLocked ? `${id}-l` : '', pasted.has(account) ? `${id}-p` : '', state ? `${id}-s` : ''];
    const describedBy = facts.filter(Boolean).join(' ') || undefined;
    const className = settled ? 'bot-row settled' : isLocked ? 'bot-row locked' : selected.has(account) ? 'bot-row selected' : 'bot-row';
    return (
      <div
        key={account}
        role="listitem"
        aria-setsize={shown.length}
        aria-posinset={index + 1}
        className={className}
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
        onMouseDown={(event) => event.shiftKey && event.preventDefault()}
        onClick={(event) => onRowClick(event, index, account)}
      >
        <input
          type="checkbox"
          data-index={index}
          tabIndex={index === focusIndex ? 0 : -1}
          checked={selected.has(account)}
          onChange={() => undefined}
          aria-label={account}
          aria-disabled={settled || isLocked || undefined}
          aria-describedby={describedBy}
          onFocus={() => setFocusIndex(index)}
        />
        <span className="account">{account}</span>
        <span id={nickname ? `${id}-n` : undefined} className="nickname">
          {nickname ? escapeUnsafe(nickname) : ''}
        </span>
        <span className="row-status">
          {state ? (
            <span id={`${id}-s`} className={`badge badge-${state}`} title={t(`statusMeaning.${state}`)}>
              {t(`status.${state}`)}
            </span>
          ) : null}
          {isLocked ? (
            <span id={`${id}-l`} className="tag tag-locked">
              <Icon name="lock" /> {t('bots.protected')}
            </span>
          ) : null}
          {pasted.has(account) ? (
            <span id={`${id}-p`} className="tag">
              {t('bots.pasted')}
            </span>
          ) : null}
        </span>
      </div>
    );
  });
  return (
    <div className="bot-table">
      <BotListHeader shown={shown} />
      <div
        ref={scrollRef}
        className="bot-list"
        role="list"
        aria-label={t('bots.listLabel')}
        onKeyDown={onKeyDown}
        onFocus={() => (holdsFocus.current = true)}
      >
        <div style={{ height: totalHeight, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
