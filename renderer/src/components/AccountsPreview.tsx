// A scrollable, virtualized list of account ids (the delete dialog's "these N accounts").
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

export function AccountsPreview({ accounts, label }: { readonly accounts: readonly string[]; readonly label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: accounts.length, getScrollElement: () => ref.current, estimateSize: () => 24, overscan: 10 });
  return (
    <div ref={ref} className="accounts-preview" role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.index} role="listitem" className="preview-row" style={{ transform: `translateY(${item.start}px)` }}>
            {accounts[item.index]}
          </div>
        ))}
      </div>
    </div>
  );
}
