// Says what an action left out and which accounts (the first ten, escaped): protected, already settled, duplicated, or
// no longer listed. Nothing when nothing was left out.
import { useTranslation, type Translate } from '../i18n';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import type { LeftOut } from '../store/left-out';

const SHOWN = 10;

/** "@RBT#a, @RBT#b, … and 3 more" */
export function someOf(t: Translate, accounts: readonly string[]): string {
  const list = accounts.slice(0, SHOWN).map(escapeUnsafe).join(', ');
  return accounts.length > SHOWN ? t('leftOut.more', { list, count: accounts.length - SHOWN }) : list;
}

export function LeftOutLines({ leftOut }: { readonly leftOut: LeftOut }) {
  const { t } = useTranslation();
  const lines = (['protected', 'settled', 'duplicated', 'gone'] as const)
    .filter((kind) => leftOut[kind].length)
    .map((kind) => (
      <li key={kind} className={kind === 'protected' ? 'left-out-protected' : undefined}>
        {t(`leftOut.${kind}`, { count: leftOut[kind].length, list: someOf(t, leftOut[kind]) })}
      </li>
    ));
  return lines.length ? <ul className="left-out">{lines}</ul> : null;
}
