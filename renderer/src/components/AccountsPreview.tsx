// A scrollable, virtualized list of account ids (the delete dialog's "these N accounts"), with nicknames when known.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

interface AccountsPreviewProps {
  readonly accounts: readonly string[];
  readonly label: string;
  readonly nicknames?: ReadonlyMap<string, string> | undefined;
}

export function AccountsPreview({ accounts, label, nicknames }: AccountsPreviewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: accounts.length, getScrollElement: () => ref.current, estimateSize: () => 24, overscan: 10 });
  return (
    <div ref={ref} className="accounts-preview" role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const account = accounts[item.index]!;
          const nickname = nicknames?.get(account);
          return (
            <div key={item.index} role="listitem" className="preview-row" style={{ transform: `translateY(${item.start}px)` }}>
              {account}
              {nickname ? <span className="nickname">{nickname}</span> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
