// The virtualized chatbot list: one checkbox per account (its accessible name is the account id), shift-click
// ranges, arrow keys with a roving focus, Ctrl/Cmd+A for all shown rows. Smooth with 10,000+ rows.
// Rows settled by a batch (deleted, not a bot) stay greyed with their status and cannot be selected; protected rows
// show a lock and cannot be selected either. Nicknames show beside the account once fetched.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBots } from '../store/bots';

const ROW_HEIGHT = 34;

export function BotList() {
  const { t } = useTranslation();
  const filtered = useBots((state) => state.filtered);
  const selected = useBots((state) => state.selected);
  const status = useBots((state) => state.status);
  const pasted = useBots((state) => state.pasted);
  const done = useBots((state) => state.done);
  const locked = useBots((state) => state.locked);
  const nicknames = useBots((state) => state.nicknames);
  const { toggle, selectAllFiltered } = useBots.getState();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({
    count: filtered.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (focusIndex >= filtered.length) setFocusIndex(Math.max(0, filtered.length - 1));
  }, [filtered.length, focusIndex]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scrollRef.current?.querySelector<HTMLInputElement>(`input[data-index="${focusIndex}"]`)?.focus();
  });

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(filtered.length - 1, index));
    focusPending.current = true;
    setFocusIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selectAllFiltered();
      return;
    }
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      PageDown: focusIndex + page,
      PageUp: focusIndex - page,
      Home: 0,
      End: filtered.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveFocus(target);
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const account = filtered[Math.max(0, Math.min(filtered.length - 1, target))];
      if (account && !selected.has(account)) toggle(account);
    }
  };

  if (!filtered.length) return null;
  return (
    <div ref={scrollRef} className="bot-list" role="list" aria-label={t('bots.listLabel')} onKeyDown={onKeyDown}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const account = filtered[item.index]!;
          const state = status.get(account);
          const settled = done.has(account);
          const isLocked = locked.has(account);
          const nickname = nicknames.get(account);
          return (
            <div
              key={account}
              role="listitem"
              className={settled ? 'bot-row settled' : isLocked ? 'bot-row locked' : selected.has(account) ? 'bot-row selected' : 'bot-row'}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <label>
                <input
                  type="checkbox"
                  data-index={item.index}
                  tabIndex={item.index === focusIndex ? 0 : -1}
                  checked={selected.has(account)}
                  aria-disabled={settled || isLocked || undefined}
                  onFocus={() => setFocusIndex(item.index)}
                  onChange={(event) => toggle(account, { range: (event.nativeEvent as MouseEvent).shiftKey === true })}
                />
                <span className="account">{account}</span>
              </label>
              {/* Outside the label: the checkbox's name stays the account id. */}
              {nickname ? <span className="nickname">{nickname}</span> : null}
              {isLocked ? (
                <span className="tag tag-locked">
                  <span aria-hidden="true">🔒</span> {t('bots.protected')}
                </span>
              ) : null}
              {pasted.has(account) ? <span className="tag">{t('bots.pasted')}</span> : null}
              {state ? <span className={`badge badge-${state}`}>{t(`status.${state}`)}</span> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
