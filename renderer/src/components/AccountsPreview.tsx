// A scrollable, windowed list of account ids (the delete dialog's "these N accounts"), with nicknames when known, both
// with invisible and text-direction characters escaped; each row says its place in the whole list.
import { useRef } from 'react';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import { useRowWindow } from './useRowWindow';

interface AccountsPreviewProps {
  readonly accounts: readonly string[];
  readonly label: string;
  readonly nicknames?: ReadonlyMap<string, string> | undefined;
}

const ROW_HEIGHT = 24;

export function AccountsPreview({ accounts, label, nicknames }: AccountsPreviewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { first, end, totalHeight } = useRowWindow(ref, accounts.length, ROW_HEIGHT);
  const rows = [];
  for (let index = first; index < end; index++) {
    const account = accounts[index]!;
    const nickname = nicknames?.get(account);
    rows.push(
      <div
        key={index}
        role="listitem"
        aria-setsize={accounts.length}
        aria-posinset={index + 1}
        className="preview-row"
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      >
        {escapeUnsafe(account)}
        {nickname ? <span className="nickname">{escapeUnsafe(nickname)}</span> : null}
      </div>,
    );
  }
  return (
    <div ref={ref} className="accounts-preview" role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: totalHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
