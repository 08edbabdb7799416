// What is selected, where the user can see it: "N selected · M hidden by the filter", Show selected only, Clear
// selection, and Delete selected. Buttons that cannot act now say so (aria-disabled) but keep the focus where it is.
import { useTranslation } from '../i18n';
import { useBots, useHiddenSelected, useSelection } from '../store/bots';

interface SelectionBarProps {
  readonly busy: boolean;
  readonly onDelete: () => void;
}

export function SelectionBar({ busy, onDelete }: SelectionBarProps) {
  const { t } = useTranslation();
  const selected = useSelection();
  const hidden = useHiddenSelected();
  const selectedOnly = useBots((state) => state.selectedOnly);
  const { setSelectedOnly, clearSelection } = useBots.getState();
  const cannotDelete = busy || !selected.size;
  return (
    <div className="selection-bar">
      <span className="count" aria-live="polite">
        {t('bots.selected', { count: selected.size })}
        {hidden ? <span className="hidden-count"> · {t('bots.hiddenByFilter', { count: hidden })}</span> : null}
      </span>
      <label className="check">
        <input type="checkbox" checked={selectedOnly} onChange={(e) => setSelectedOnly(e.target.checked)} />
        <span>{t('bots.selectedOnly')}</span>
      </label>
      <button type="button" onClick={clearSelection} disabled={!selected.size}>
        {t('bots.clearSelection')}
      </button>
      <button type="button" className="danger" aria-disabled={cannotDelete || undefined} onClick={() => !cannotDelete && onDelete()}>
        {t('bots.deleteSelected', { count: selected.size })}
      </button>
    </div>
  );
}
