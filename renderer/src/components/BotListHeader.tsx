// The chatbot table's column headers: Select all (of the shown rows that may be selected), and Account, Nickname and
// Status, each a button that sorts by it, A to Z, and Z to A when pressed again.
import { useTranslation } from '../i18n';
import { useBots, useLockedRows, useSelection, type SortKey } from '../store/bots';
import { isSettled } from '../store/bots-derive';
import { Icon } from './Icon';

const COLUMNS: readonly SortKey[] = ['account', 'nickname', 'status'];

export function BotListHeader({ shown }: { readonly shown: readonly string[] }) {
  const { t } = useTranslation();
  const locked = useLockedRows();
  const selected = useSelection();
  const status = useBots((state) => state.status);
  const sort = useBots((state) => state.sort);
  const descending = useBots((state) => state.descending);
  const { setSort, selectAllShown, deselectShown } = useBots.getState();
  // Settled rows (deleted, absent) and protected ones cannot be selected: "all shown" means all that can be.
  const selectable = locked.size || status.size ? shown.filter((account) => !locked.has(account) && !isSettled(status, account)) : shown;
  const allShown = selectable.length > 0 && selectable.every((account) => selected.has(account));
  const someShown = !allShown && selectable.some((account) => selected.has(account));
  return (
    <div className="bot-columns">
      <label className="select-all">
        <input
          type="checkbox"
          checked={allShown}
          ref={(input) => {
            if (input) input.indeterminate = someShown;
          }}
          onChange={() => (allShown ? deselectShown() : selectAllShown())}
          disabled={!selectable.length}
        />
        <span className="sr-only">{t('bots.selectAll')}</span>
      </label>
      {COLUMNS.map((column) => {
        const active = sort === column;
        const label = t(`bots.columns.${column}`);
        const order = active ? t(descending ? 'bots.sortedDescending' : 'bots.sortedAscending') : null;
        return (
          <button
            key={column}
            type="button"
            className={active ? 'column active' : 'column'}
            onClick={() => setSort(column)}
            title={t('bots.sortBy', { column: label })}
            aria-pressed={active}
          >
            {label}
            <Icon name={active ? (descending ? 'down' : 'up') : 'sort'} />
            {order ? <span className="sr-only">, {order}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
