// The windowed chatbot list: one checkbox per account, named by the account and described by its nickname, tags and
// status; each row says its place in the whole list ("12 of 10,000"), not only among the rows in the DOM. Shift-click
// ranges, arrow keys with a roving focus, Ctrl/Cmd+A for all shown rows. Settled rows (deleted, not a bot) stay greyed
// with their status and protected rows show a lock; neither can be selected.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n';
import { useBots, useLockedRows, useSelection, useShownRows } from '../store/bots';
import { isSettled } from '../store/bots-derive';
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
  const { toggle, selectAllShown } = useBots.getState();
  const listId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusWanted, setFocusIndex] = useState(0);
  // The roving focus stays on a row that exists when the list shrinks.
  const focusIndex = Math.min(focusWanted, Math.max(0, shown.length - 1));
  const focusPending = useRef(false);
  const { first, end, totalHeight, scrollToIndex } = useRowWindow(scrollRef, shown.length, ROW_HEIGHT, 12);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scrollRef.current?.querySelector<HTMLInputElement>(`input[data-index="${focusIndex}"]`)?.focus();
  });

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    focusPending.current = true;
    setFocusIndex(next);
    scrollToIndex(next);
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

  if (!shown.length) return null;
  const rows = [];
  for (let index = first; index < end; index++) {
    const account = shown[index]!;
    const state = status.get(account);
    const settled = isSettled(status, account);
    const isLocked = locked.has(account);
    const nickname = nicknames.get(account);
    // Each fact its own element, so a screen reader hears them apart: "Sales bot 2, protected, deleted".
    const id = `${listId}-${index}`;
    const facts = [nickname ? `${id}-n` : '', isLocked ? `${id}-l` : '', pasted.has(account) ? `${id}-p` : '', state ? `${id}-s` : ''];
    const describedBy = facts.filter(Boolean).join(' ') || undefined;
    rows.push(
      <div
        key={account}
        role="listitem"
        aria-setsize={shown.length}
        aria-posinset={index + 1}
        className={settled ? 'bot-row settled' : isLocked ? 'bot-row locked' : selected.has(account) ? 'bot-row selected' : 'bot-row'}
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      >
        <label>
          <input
            type="checkbox"
            data-index={index}
            tabIndex={index === focusIndex ? 0 : -1}
            checked={selected.has(account)}
            aria-disabled={settled || isLocked || undefined}
            aria-describedby={describedBy}
            onFocus={() => setFocusIndex(index)}
            onChange={(event) => toggle(account, { range: (event.nativeEvent as MouseEvent).shiftKey === true })}
          />
          <span className="account">{account}</span>
        </label>
        {/* The checkbox's name is the account; the rest of the row describes it. */}
        {nickname ? (
          <span id={`${id}-n`} className="nickname">
            {nickname}
          </span>
        ) : null}
        {isLocked ? (
          <span id={`${id}-l`} className="tag tag-locked">
            <span aria-hidden="true">🔒</span> {t('bots.protected')}
          </span>
        ) : null}
        {pasted.has(account) ? (
          <span id={`${id}-p`} className="tag">
            {t('bots.pasted')}
          </span>
        ) : null}
        {state ? (
          <span id={`${id}-s`} className={`badge badge-${state}`}>
            {t(`status.${state}`)}
          </span>
        ) : null}
      </div>,
    );
  }
  return (
    <div ref={scrollRef} className="bot-list" role="list" aria-label={t('bots.listLabel')} onKeyDown={onKeyDown}>
      <div style={{ height: totalHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
